package com.bakeryia.orders;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The whole deletion contract again with chunks sized by time from two rows up to a dozen, against a
 * target of a millisecond: chunk sizes grow and shrink from one statement to the next, every table
 * takes several of them, and the counts must still be exact and no row may remain. Also a run that
 * died between chunks and is run again under the same run id: its counts are what the whole run
 * deleted, no more, no less.
 */
@SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT, properties = {
        "bakery.deletion.batch-size=2", "bakery.deletion.max-batch-size=12", "bakery.deletion.chunk-target=1ms"})
class OrdersTimedChunkDeletionContractTest extends GeneratedDataParticipantContractTest {

    OrdersTimedChunkDeletionContractTest() {
        super("orders");
    }

    @Test
    void aRunThatDiedBetweenChunksAndRunsAgainCountsEveryRowOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        DeletionPreview preview = participant().preview(DeletionSubject.tenant(tenant));
        UUID run = UUID.randomUUID();

        // Another transaction holds one of the tenant's customers, the last table of the plan: the
        // run deletes the children chunk by chunk, then waits on that row, and dies there.
        try (Connection holder = database().dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from orders.customers where tenant_id = ?"
                    + " order by ctid desc limit 1 for update")) {
                lock.setObject(1, tenant);
                lock.executeQuery().close();
            }
            int holderPid;
            try (var pid = holder.createStatement(); var rs = pid.executeQuery("select pg_backend_pid()")) {
                rs.next();
                holderPid = rs.getInt(1);
            }
            CompletableFuture<DeletionResult> call = CompletableFuture.supplyAsync(
                    () -> participant().delete(DeletionSubject.tenant(tenant), run));
            String blocked = "select pid from pg_stat_activity where " + holderPid + " = any(pg_blocking_pids(pid))";
            await().atMost(Duration.ofSeconds(30)).until(() -> !database().jdbc().queryForList(blocked, Integer.class).isEmpty());
            database().jdbc().queryForList("select pg_cancel_backend(pid) from (" + blocked + ") waiting", Boolean.class);
            assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class);
            holder.rollback();
        }
        assertThat(rows("order_items", tenant)).as("children deleted before the run died").isZero();
        assertThat(rows("customers", tenant)).as("the parent the run died on").isPositive();

        DeletionResult again = participant().delete(DeletionSubject.tenant(tenant), run);

        assertThat(again.deleted()).isEqualTo(preview.toDelete());
        assertThat(again.totalDeleted()).isEqualTo(preview.toDelete().values().stream().mapToLong(Long::longValue).sum());
        assertThat(participant().preview(DeletionSubject.tenant(tenant)).remaining()).isZero();
        for (Map.Entry<String, Long> table : preview.toDelete().entrySet()) {
            assertThat(table.getValue()).as(table.getKey() + " holds more rows than the first chunk").isGreaterThan(2);
        }
    }

    private long rows(String table, UUID tenant) {
        return database().jdbc().queryForObject("select count(*) from orders." + table + " where tenant_id = ?", Long.class,
                tenant);
    }
}
