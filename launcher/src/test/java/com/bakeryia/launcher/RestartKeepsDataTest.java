package com.bakeryia.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.bakeryia.platform.data.ServiceDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no database URL the platform runs its own PostgreSQL, durable and persistent across restarts. */
class RestartKeepsDataTest {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() {
        try (var first = start()) {
            ServiceDatabase tenant = tenantDatabase(first);
            tenant.jdbc().update("insert into tenant.schema_marker (note) values ('written before restart')");
            assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        }

        try (var second = start()) {
            ServiceDatabase tenant = tenantDatabase(second);
            assertThat(tenant.jdbc().queryForList("select note from tenant.schema_marker", String.class))
                    .containsExactly("written before restart");
            // The second start found a data directory that already asks for the password.
            assertThatThrownBy(() -> DriverManager.getConnection(tenant.location().substring("embedded ".length()),
                    "postgres", null)).isInstanceOf(SQLException.class);
            assertThat(dataDir.resolve("keys").resolve("postgres-password")).isNotEmptyFile();
        }
    }

    @Test
    void embeddedServerRunsWithDurabilityOn() {
        try (var context = start()) {
            ServiceDatabase tenant = tenantDatabase(context);
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                assertThat(tenant.jdbc().queryForObject("show " + setting, String.class)).as(setting).isEqualTo("on");
            }
            assertThat(tenant.location()).startsWith("embedded jdbc:postgresql://");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BakeryPlatformApplication.class)
                .run("--targets=auth,tenant", "--server.port=0", "--bakery.data-dir=" + dataDir);
    }

    private static ServiceDatabase tenantDatabase(ConfigurableApplicationContext context) {
        return BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), ServiceDatabase.class, "tenant");
    }
}
