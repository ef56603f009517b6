package com.bakeryia.platform.data;

import java.nio.file.Path;

import com.bakeryia.platform.ServiceModule;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A migration in a schema's history without its file stops the start-up, except auth's two
 * legacy versions (the deletion job store's V100 and V101, from before it moved to a schema of its
 * own), which are ignored when they are all that is missing.
 */
class MissingMigrationsTest {

    @TempDir
    Path dataDir;

    @Test
    void onlyAuthsTwoLegacyVersionsMayLackTheirFiles() throws Exception {
        try (var server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), dataDir.resolve("keys").resolve("pw"));
             var pool = new HikariDataSource()) {
            pool.setJdbcUrl(server.jdbcUrl());
            pool.setUsername(server.username());
            pool.setPassword(server.password());
            pool.setMaximumPoolSize(2);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            ServiceDatabase auth = new ServiceDatabase(new ServiceModule("auth", "auth"), pool, "test");
            ServiceDatabase other = new ServiceDatabase(new ServiceModule("history-probe", "history_probe"), pool, "test");
            ServiceDatabases.flyway(auth, false).migrate();
            ServiceDatabases.flyway(other, false).migrate();

            // auth with the job store's old versions applied: they are all that is missing, so ignored.
            for (String version : new String[] {"100", "101"}) {
                applied(jdbc, "auth", version);
            }
            assertThat(ServiceDatabases.legacyOnlyMissing(auth)).isTrue();
            ServiceDatabases.flyway(auth, ServiceDatabases.legacyOnlyMissing(auth)).migrate();

            // A version missing below the newest file in another schema (a file deleted or renamed): not ignored.
            applied(jdbc, "history_probe", "0.5");
            assertThat(ServiceDatabases.legacyOnlyMissing(other)).isFalse();
            assertThatThrownBy(() -> ServiceDatabases.flyway(other, ServiceDatabases.legacyOnlyMissing(other)).migrate())
                    .isInstanceOf(FlywayException.class).hasMessageContaining("0.5");

            // Any other version missing in auth: not ignored either, with the legacy ones or not.
            applied(jdbc, "auth", "0.5");
            assertThat(ServiceDatabases.legacyOnlyMissing(auth)).isFalse();
            assertThatThrownBy(() -> ServiceDatabases.flyway(auth, ServiceDatabases.legacyOnlyMissing(auth)).migrate())
                    .isInstanceOf(FlywayException.class).hasMessageContaining("0.5");
        }
    }

    /** A row of the schema's history for a version that has no file, as an older release left it. */
    private static void applied(JdbcTemplate jdbc, String schema, String version) {
        jdbc.update("insert into " + schema + ".flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) select max(installed_rank) + 1, ?, 'gone', 'SQL',"
                + " 'V' || ? || '__gone.sql', 1, current_user, 1, true from " + schema + ".flyway_schema_history", version, version);
    }
}
