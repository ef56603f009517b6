package com.bakeryia.orders;

import java.util.List;
import java.util.UUID;

import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.testsupport.deletion.GeneratedDataParticipantContractTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The whole deletion contract again with three rows per statement (fixed chunks, not sized by time),
 * so every delete and anonymise of the engine crosses chunk boundaries: the counts must still be
 * exact and no row may remain.
 */
@SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT,
        properties = {"bakery.deletion.batch-size=" + OrdersSmallBatchDeletionContractTest.BATCH_SIZE,
                "bakery.deletion.chunk-target=0s"})
class OrdersSmallBatchDeletionContractTest extends GeneratedDataParticipantContractTest {

    static final int BATCH_SIZE = 3;

    OrdersSmallBatchDeletionContractTest() {
        super("orders");
    }

    /**
     * A row a chunk picked but did not delete (a concurrent update moved it between the pick and
     * the delete; here a trigger keeps its first delete, which comes to the same) does not end the
     * table: the next chunk picks it again, and it is counted once.
     */
    @Test
    void aRowAChunkPickedButDidNotDeleteIsPickedAgainAndCountedOnce() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        DeletionPreview preview = participant().preview(DeletionSubject.tenant(tenant));
        UUID kept = database().jdbc().queryForObject("select id from orders.customer_orders where tenant_id = ?"
                + " order by id limit 1", UUID.class, tenant);
        var sql = database().jdbc();
        sql.execute("create table orders.test_kept_once (id uuid primary key)");
        sql.update("insert into orders.test_kept_once values (?)", kept);
        sql.execute("""
                create function orders.test_keep_once() returns trigger language plpgsql as $$
                begin
                    delete from orders.test_kept_once where id = old.id;
                    if found then
                        return null;
                    end if;
                    return old;
                end $$""");
        sql.execute("create trigger test_keep_once before delete on orders.customer_orders"
                + " for each row execute function orders.test_keep_once()");
        try {
            DeletionResult result = participant().delete(DeletionSubject.tenant(tenant), UUID.randomUUID());

            assertThat(sql.queryForObject("select count(*) from orders.test_kept_once", Long.class))
                    .as("the trigger kept the row once").isZero();
            assertThat(result.deleted()).isEqualTo(preview.toDelete());
            assertThat(participant().preview(DeletionSubject.tenant(tenant)).remaining()).isZero();
        } finally {
            sql.execute("drop trigger test_keep_once on orders.customer_orders");
            sql.execute("drop function orders.test_keep_once()");
            sql.execute("drop table orders.test_kept_once");
        }
    }

    @Test
    void everyTableOfASeededTenantHoldsMoreRowsThanOneStatementDeletes() {
        UUID tenant = UUID.randomUUID();

        seed(tenant, List.of(UUID.randomUUID()));

        for (String table : tenantKeyColumns().keySet()) {
            assertThat(database().jdbc().queryForObject("select count(*) from orders." + table + " where tenant_id = ?",
                    Long.class, tenant)).as(table + " at size " + DemoDataSize.SMALL).isGreaterThan(2L * BATCH_SIZE);
        }
    }
}
