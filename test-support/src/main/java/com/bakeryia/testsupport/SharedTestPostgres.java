package com.bakeryia.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 * Every Spring test context points at its {@code bakery} database unless the test names another;
 * tests that need separate databases (distributed mode) create them with {@link #createDatabase}.
 */
public final class SharedTestPostgres {

    public static final String DEFAULT_DATABASE = "bakery";

    private static volatile EmbeddedPostgres server;
    private static final Set<String> created = ConcurrentHashMap.newKeySet();

    private SharedTestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the test PostgreSQL", e);
            }
        }
        return server;
    }

    /** JDBC URL of a database on the shared server, created if it does not exist yet. */
    public static String jdbcUrl(String database) {
        createDatabase(database);
        return server().getJdbcUrl("postgres", database);
    }

    public static String username() {
        return "postgres";
    }

    public static void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid database name " + database);
        }
        if (created.contains(database)) {
            return;
        }
        synchronized (SharedTestPostgres.class) {
            try (Connection connection = server().getPostgresDatabase().getConnection();
                 var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (var rows = exists.executeQuery()) {
                    if (!rows.next()) {
                        try (var statement = connection.createStatement()) {
                            statement.execute("create database " + database);
                        }
                    }
                }
                created.add(database);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database " + database, e);
            }
        }
    }

    /** A plain data source on a database of the shared server, for independent checks in tests. */
    public static DataSource dataSource(String database) {
        createDatabase(database);
        return server().getDatabase("postgres", database);
    }
}
