package com.bakeryia.platform.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import com.bakeryia.platform.security.OwnerOnlyFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the platform itself when no database URL is configured. Its
 * data directory persists across restarts, and durability settings are on (the library turns
 * them off by default), so a committed transaction survives a crash.
 *
 * <p>Every connection, over the local socket or TCP, authenticates with the superuser's password
 * (scram-sha-256). The password is generated once and kept in an owner-only file next to the
 * platform's other secrets. A data directory that still trusts connections (initialised by the
 * library, or by a platform from before passwords) is hardened on start: it starts with a
 * loopback-only trust rule for the superuser, the password is set, the password rules replace the
 * trust rule and the server reloads them before anyone else is handed a connection.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the platform uses inside the embedded server. */
    public static final String DATABASE = "bakery";

    static final String SUPERUSER = "postgres";

    /** The only rules of a hardened data directory: a password for everyone, everywhere. */
    static final String PASSWORD_RULES = """
            # Written by the Bakery-IA platform. Every connection authenticates with a password
            # (scram-sha-256); the superuser's is kept in the platform's data directory (keys/postgres-password).
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /** While a trusting data directory is hardened: only the superuser, only over loopback TCP. */
    private static final String HARDENING_RULES = """
            # Written by the Bakery-IA platform while it sets the superuser's password; replaced at once.
            host    postgres  postgres  127.0.0.1/32  trust
            host    postgres  postgres  ::1/128       trust
            """;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts (initialising on first use) the server on {@code dataDirectory} on a free loopback
     * port; the superuser's password is read from {@code passwordFile}, generated into it when a
     * trusting data directory is hardened.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, Path passwordFile) {
        try {
            Files.createDirectories(dataDirectory);
            Path rules = dataDirectory.resolve("pg_hba.conf");
            boolean initialised = Files.exists(dataDirectory.resolve("postgresql.conf"));
            boolean hardened = initialised && requiresPasswords(Files.readString(rules, StandardCharsets.UTF_8));
            if (hardened && !Files.exists(passwordFile)) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory
                        + " requires a password, but its password file " + passwordFile + " is missing;"
                        + " restore the file from a backup of the data directory");
            }
            String password = OwnerOnlyFiles.readOrCreate(passwordFile, EmbeddedPostgresServer::newPassword)
                    .content().strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("The embedded PostgreSQL password file " + passwordFile + " is empty");
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // The deletion job store churns like a queue (every step inserted, claimed and
                    // completed): autovacuum looks every 10 s rather than every minute, so a burst of
                    // jobs does not leave claims walking dead row versions for long.
                    .setServerConfig("autovacuum_naptime", "10s")
                    // Runs after a first initdb (which trusts everyone) and before the server starts.
                    .setDataDirectoryCustomizer(directory -> {
                        if (!hardened) {
                            replace(rules, HARDENING_RULES);
                        }
                    })
                    .setConnectConfig("password", password)
                    .start();
            var server = new EmbeddedPostgresServer(postgres, password);
            if (!hardened) {
                server.harden(rules, passwordFile);
            }
            server.createDatabaseIfMissing();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(),
                    dataDirectory.toAbsolutePath().normalize());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    /** Sets the password while the superuser is still trusted, then demands it from everyone. */
    private void harden(Path rules, Path passwordFile) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            // The driver sends the scram verifier, never the password itself.
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            replace(rules, PASSWORD_RULES);
            try (var reload = connection.createStatement()) {
                reload.execute("select pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the embedded PostgreSQL's password", e);
        }
        awaitPasswordRequired();
        log.info("Embedded PostgreSQL now requires the superuser's password, kept in {}", passwordFile);
    }

    /** A reload is signalled, not awaited: wait until a connection without the password is refused. */
    private void awaitPasswordRequired() {
        var withoutPassword = new Properties();
        withoutPassword.setProperty("user", SUPERUSER);
        withoutPassword.setProperty("connectTimeout", "5");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            // The postgres database always exists, so a refusal here can only be the missing password.
            try (Connection ignored = DriverManager.getConnection(postgres.getJdbcUrl(SUPERUSER, SUPERUSER), withoutPassword)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The embedded PostgreSQL still accepts connections without a password");
                }
            } catch (SQLException refused) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the embedded PostgreSQL reloaded its rules", e);
            }
        }
    }

    /** Whether every rule of a {@code pg_hba.conf} asks for a scram password. */
    static boolean requiresPasswords(String hbaConf) {
        List<String> rules = hbaConf.lines()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
        return !rules.isEmpty() && rules.stream().allMatch(rule -> {
            String[] fields = rule.split("\\s+");
            int method = "local".equals(fields[0]) ? 3 : 4;
            return fields.length > method && "scram-sha-256".equals(fields[method]);
        });
    }

    private static void replace(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE + " in the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, DATABASE);
    }

    public String username() {
        return SUPERUSER;
    }

    /** The superuser's password, required by every connection. */
    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
