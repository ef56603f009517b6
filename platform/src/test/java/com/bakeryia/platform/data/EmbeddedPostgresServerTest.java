package com.bakeryia.platform.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL asks every connection for the superuser's password, also on a data directory from before. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void freshDataDirectoryRefusesConnectionsWithoutThePasswordKeptInAnOwnerOnlyFile() throws Exception {
        Path passwordFile = dataDir.resolve("keys").resolve("postgres-password");
        try (var server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), passwordFile)) {
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(passwordFile).strip();
            assertThat(password).isEqualTo(server.password()).hasSizeGreaterThanOrEqualTo(40);

            assertThatThrownBy(() -> connect(server, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(server, "not-" + password)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection connection = connect(server, password)) {
                assertThat(rules(connection)).containsExactlyInAnyOrder(
                        "local scram-sha-256", "host scram-sha-256", "host scram-sha-256");
                try (var statement = connection.createStatement();
                     var naptime = statement.executeQuery("select setting from pg_settings where name = 'autovacuum_naptime'")) {
                    naptime.next();
                    assertThat(naptime.getString(1)).as("autovacuum looks every 10 s").isEqualTo("10");
                }
            }
        }
    }

    @Test
    void trustingDataDirectoryFromBeforePasswordsIsUpgradedOnStartAndKeepsItsData() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        Path passwordFile = dataDir.resolve("keys").resolve("postgres-password");
        try (EmbeddedPostgres before = previousSettings(postgresDir);
             Connection connection = before.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database " + EmbeddedPostgresServer.DATABASE);
            try (Connection bakery = before.getDatabase("postgres", EmbeddedPostgresServer.DATABASE).getConnection();
                 var write = bakery.createStatement()) {
                write.execute("create table kept (note text)");
                write.execute("insert into kept values ('written while trusted')");
            }
        }
        assertThat(passwordFile).doesNotExist();

        try (var server = EmbeddedPostgresServer.start(postgresDir, passwordFile)) {
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> connect(server, null)).isInstanceOf(SQLException.class);
            try (Connection connection = connect(server, Files.readString(passwordFile).strip());
                 var read = connection.createStatement();
                 var rows = read.executeQuery("select note from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written while trusted");
                assertThat(rules(connection)).allMatch(rule -> rule.endsWith(" scram-sha-256")).contains("local scram-sha-256");
            }
        }
    }

    @Test
    void dataDirectoryThatRequiresAPasswordDoesNotStartWithoutItsPasswordFile() throws Exception {
        Path postgresDir = Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(postgresDir.resolve("postgresql.conf"), "");
        Files.writeString(postgresDir.resolve("pg_hba.conf"), EmbeddedPostgresServer.PASSWORD_RULES);

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(postgresDir, dataDir.resolve("keys").resolve("postgres-password")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postgres-password is missing");
    }

    @Test
    void onlyRulesThatAllAskForAScramPasswordCountAsHardened() {
        assertThat(EmbeddedPostgresServer.requiresPasswords(EmbeddedPostgresServer.PASSWORD_RULES)).isTrue();
        assertThat(EmbeddedPostgresServer.requiresPasswords("""
                local all all trust
                host all all 127.0.0.1/32 trust
                """)).isFalse();
        assertThat(EmbeddedPostgresServer.requiresPasswords("""
                local all all scram-sha-256
                host all all 0.0.0.0/0 md5
                """)).isFalse();
        assertThat(EmbeddedPostgresServer.requiresPasswords("# nothing but comments\n")).isFalse();
    }

    /** How the platform started the embedded server before passwords: the library's trust-everyone initdb. */
    private static EmbeddedPostgres previousSettings(Path postgresDir) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(postgresDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .start();
    }

    private static Connection connect(EmbeddedPostgresServer server, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", server.username());
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + EmbeddedPostgresServer.DATABASE,
                properties);
    }

    /** The rules the server reads from its pg_hba.conf, as "type method". */
    private static List<String> rules(Connection connection) throws SQLException {
        List<String> rules = new ArrayList<>();
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("select type, auth_method, error from pg_hba_file_rules")) {
            while (rows.next()) {
                assertThat(rows.getString("error")).isNull();
                rules.add(rows.getString("type") + " " + rows.getString("auth_method"));
            }
        }
        return rules;
    }
}
