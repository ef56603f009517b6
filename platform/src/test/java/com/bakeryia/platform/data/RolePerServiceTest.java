package com.bakeryia.platform.data;

import java.nio.file.Path;
import java.util.Map;

import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service given a role of its own on the shared database ({@code bakery.services.<name>.db.username}
 * and {@code .password}, with the roles and schemas made as docs/configuration.md says) connects as
 * that role: it migrates and writes its own schema, and the database refuses it every other schema.
 */
class RolePerServiceTest {

    @TempDir
    Path dataDir;

    /** The hand-over of docs/configuration.md, "A role per service", for one schema. */
    static String handOver(String schema, String role) throws Exception {
        String docs = java.nio.file.Files.readString(Path.of("..", "docs", "configuration.md"));
        String block = docs.substring(docs.indexOf("DO $$ DECLARE target text := 'orders'"), docs.indexOf("END $$;") + 7);
        return block.replace("'orders'", "'" + schema + "'").replace("'bakery_orders'", "'" + role + "'");
    }

    @Test
    void aServicesRoleOwnsItsSchemaAndIsRefusedOnAnotherServicesSchema() throws Exception {
        try (var server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), dataDir.resolve("keys").resolve("pw"))) {
            JdbcTemplate admin = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    server.jdbcUrl(), server.username(), server.password()));
            // role_probe as a database from before roles has it: migrated by the shared (super)user.
            var before = new ServiceDatabases(new BakeryProperties(dataDir, new BakeryProperties.Database(server.jdbcUrl(),
                    server.username(), server.password(), 2), Map.of()),
                    new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
            before.open(new ServiceModule("role-probe", "role_probe")).jdbc().update("insert into role_probe.probe values (1)");
            before.destroy();
            // As docs/configuration.md gives them: a new schema for one service, a handed-over one for the other.
            admin.execute("create role bakery_history_probe login password 'bakery_history_probe-secret'");
            admin.execute("create schema if not exists history_probe authorization bakery_history_probe");
            admin.execute("create role bakery_role_probe login password 'bakery_role_probe-secret'");
            admin.execute("alter schema role_probe owner to bakery_role_probe");
            admin.execute(handOver("role_probe", "bakery_role_probe"));
            var properties = new BakeryProperties(dataDir, new BakeryProperties.Database(server.jdbcUrl(), server.username(),
                    server.password(), 2), Map.of(
                    "history-probe", new BakeryProperties.Service(null, new BakeryProperties.Database(null,
                            "bakery_history_probe", "bakery_history_probe-secret", 2)),
                    "role-probe", new BakeryProperties.Service(null, new BakeryProperties.Database(null,
                            "bakery_role_probe", "bakery_role_probe-secret", 2))));
            ServiceDatabases databases = new ServiceDatabases(properties,
                    new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
            try {
                ServiceDatabase history = databases.open(new ServiceModule("history-probe", "history_probe"));
                ServiceDatabase roles = databases.open(new ServiceModule("role-probe", "role_probe"));

                assertThat(history.jdbc().queryForObject("select current_user", String.class)).isEqualTo("bakery_history_probe");
                assertThat(history.jdbc().queryForObject("select rolsuper from pg_roles where rolname = current_user",
                        Boolean.class)).as("no superuser: no COPY ... TO PROGRAM").isFalse();
                history.jdbc().update("insert into history_probe.probe values (1)");
                roles.jdbc().update("insert into role_probe.probe values (2)");
                assertThat(roles.jdbc().queryForObject("select count(*) from role_probe.probe", Long.class))
                        .as("the handed-over schema keeps its rows").isEqualTo(2);
                assertThat(admin.queryForObject("select tableowner from pg_tables where schemaname = 'role_probe'"
                        + " and tablename = 'probe'", String.class)).isEqualTo("bakery_role_probe");

                assertThatThrownBy(() -> history.jdbc().queryForObject("select count(*) from role_probe.probe", Long.class))
                        .as("reading another service's schema").rootCause().hasMessageContaining("permission denied");
                assertThatThrownBy(() -> history.jdbc().update("delete from role_probe.probe"))
                        .rootCause().hasMessageContaining("permission denied");
                assertThatThrownBy(() -> roles.jdbc().execute("create table history_probe.planted (id int)"))
                        .rootCause().hasMessageContaining("permission denied");
                assertThatThrownBy(() -> roles.jdbc().execute("copy (select 1) to program 'true'"))
                        .rootCause().hasMessageContaining("permission denied");
            } finally {
                databases.destroy();
            }
        }
    }
}
