package com.bakeryia.launcher;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.data.ServiceDatabases;
import com.bakeryia.testsupport.SharedTestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database from before the deletion orchestrator was a target of its own, whose job store lives
 * in the auth schema (auth migrations V100, V101), is upgraded on its next start: the jobs move to
 * the schema {@code deletion} with every row, auth's history, which still lists the two
 * migrations that no longer ship, validates, and auth's own later migrations apply.
 */
class JobStoreUpgradeTest {

    @Test
    void anOldJobStoreMovesToTheDeletionSchemaWithItsRowsAndAuthStillStarts() {
        String url = SharedTestPostgres.jdbcUrl("legacy_job_store");
        JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource("legacy_job_store"));
        // As such a database is: auth's migrations of the time (up to V4), then the job store's V100 and V101.
        Flyway.configure().dataSource(url, SharedTestPostgres.username(), null).schemas("auth").createSchemas(true)
                .locations("classpath:db/migration/auth").target("4").load().migrate();
        Flyway.configure().dataSource(url, SharedTestPostgres.username(), null).schemas("auth")
                .locations("classpath:legacy/auth").ignoreMigrationPatterns("*:missing").load().migrate();
        UUID job = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        jdbc.update("insert into auth.deletion_jobs (id, kind, subject_id, status, initiating_service, created_at,"
                + " total_items_deleted) values (?, 'TENANT', ?, 'COMPLETED', 'ops', now(), 42)", job, tenant);
        jdbc.update("insert into auth.deletion_steps (id, job_id, service, phase, status, attempt_limit, next_attempt_at)"
                + " values (?, ?, 'orders', 'DELETE', 'SUCCEEDED', 5, now())", UUID.randomUUID(), job);

        var properties = new BakeryProperties(null, new BakeryProperties.Database(url, SharedTestPostgres.username(), null, 2),
                Map.of());
        try (var databases = new ServiceDatabasesHandle(new ServiceDatabases(properties, new StaticListableBeanFactory()
                .getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class)))) {
            databases.value().open(ServiceModule.named("auth"));
            databases.value().open(new ServiceModule("deletion-orchestrator", "deletion"));
        }

        assertThat(jdbc.queryForObject("select to_regclass('auth.deletion_jobs') is null", Boolean.class)).isTrue();
        assertThat(jdbc.queryForMap("select subject_id, total_items_deleted, participants::text as participants"
                + " from deletion.deletion_jobs where id = ?", job))
                .containsEntry("subject_id", tenant).containsEntry("total_items_deleted", 42L)
                .containsEntry("participants", "{orders}");
        assertThat(jdbc.queryForObject("select count(*) from deletion.deletion_steps where job_id = ?", Long.class, job))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where table_schema = 'auth'"
                + " and table_name = 'users' and column_name = 'platform_roles'", Long.class))
                .as("auth's migrations after the job store's old ones apply too").isEqualTo(1);
    }

    /** Closes the pools the test opened. */
    private record ServiceDatabasesHandle(ServiceDatabases value) implements AutoCloseable {

        @Override
        public void close() {
            value.destroy();
        }
    }
}
