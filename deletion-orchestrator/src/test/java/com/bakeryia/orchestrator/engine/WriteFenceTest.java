package com.bakeryia.orchestrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.platform.deletion.WriteFence;
import com.bakeryia.testsupport.SharedTestPostgres;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The exact write fence of the shared engine, on a real PostgreSQL, with a writer on a connection
 * of its own (as another process's would be): a DELETE step waits for the tenant's write already
 * under way to commit and then deletes it; from then on every write naming the tenant (insert, or
 * an update that moves a row to it) fails with SQLSTATE BK409 in the writer's own transaction,
 * whatever the writer checked before; other tenants write as before.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WriteFenceTest {

    @Autowired
    @Qualifier("ledgerParticipant")
    DeletionParticipant ledger;

    private final TestTenants tenants = new TestTenants();

    @Test
    void aWriteUnderWayCommitsBeforeTheFenceAndIsDeletedAndEveryLaterWriteIsRefused() throws Exception {
        UUID doomed = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        CompletableFuture<DeletionResult> delete;
        try (Connection writer = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE).getConnection()) {
            writer.setAutoCommit(false);
            insert(writer, doomed, 1);

            delete = CompletableFuture.supplyAsync(() -> ledger.delete(DeletionSubject.tenant(doomed), UUID.randomUUID()));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !delete.isDone());

            writer.commit();
        }
        DeletionResult result = delete.get();
        assertThat(result.deleted().values().stream().mapToLong(Long::longValue).sum())
                .as("the write that was under way is deleted with the rest").isEqualTo(1);
        assertThat(rowsOf(doomed)).isZero();

        try (Connection late = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE).getConnection()) {
            assertThatThrownBy(() -> insert(late, doomed, 2)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo(WriteFence.REFUSED));
            insert(late, other, 3);
            try (PreparedStatement move = late.prepareStatement("update ledger.entries set tenant_id = ? where tenant_id = ?")) {
                move.setObject(1, doomed);
                move.setObject(2, other);
                assertThatThrownBy(move::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(WriteFence.REFUSED));
            }
        }
        assertThat(rowsOf(doomed)).isZero();
        assertThat(rowsOf(other)).as("another tenant writes as before").isEqualTo(1);
    }

    private static void insert(Connection connection, UUID tenant, int amount) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into ledger.entries (tenant_id, amount_cents) values (?, ?)")) {
            insert.setObject(1, tenant);
            insert.setInt(2, amount);
            insert.executeUpdate();
        }
    }

    private long rowsOf(UUID tenant) {
        return tenants.jdbc().queryForObject("select count(*) from ledger.entries where tenant_id = ?", Long.class, tenant);
    }
}
