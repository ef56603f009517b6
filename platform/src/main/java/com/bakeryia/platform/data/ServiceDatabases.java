package com.bakeryia.platform.data;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.DeletionRunCounts;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Opens each running service's database. Services without their own URL share one pool over the
 * shared database ({@code bakery.db.*}, or the embedded PostgreSQL when no URL is set), so 14
 * services in one process hold at most {@code bakery.db.pool-size} connections between them. A
 * service with {@code bakery.services.<name>.db.url} gets a pool of its own. A service with only
 * {@code bakery.services.<name>.db.username} (and {@code .password}) gets a pool of its own on the
 * shared database, logging in as that role: with a role per service that owns the service's schema
 * and nothing else, no service can read or change another's data (docs/configuration.md gives the
 * {@code CREATE ROLE} and {@code GRANT} statements). Opening a service's database applies its
 * migrations to its schema.
 */
public class ServiceDatabases implements DisposableBean {

    static final int SHARED_POOL_DEFAULT = 20;
    static final int OWN_POOL_DEFAULT = 5;

    private static final Logger log = LoggerFactory.getLogger(ServiceDatabases.class);

    private final BakeryProperties properties;
    private final ObjectProvider<MeterRegistry> meterRegistry;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private EmbeddedPostgresServer embedded;
    private HikariDataSource shared;
    private String sharedLocation;
    private String sharedUrl;

    public ServiceDatabases(BakeryProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    /** The service's database, migrated to its newest schema version. */
    public synchronized ServiceDatabase open(ServiceModule module) {
        BakeryProperties.Database own = properties.service(module.name()).db();
        ServiceDatabase database;
        if (own.configured()) {
            HikariDataSource pool = pool("bakery-" + module.name(), own.url(), own.username(), own.password(),
                    own.poolSize() == null ? OWN_POOL_DEFAULT : own.poolSize());
            database = new ServiceDatabase(module, pool, withoutQuery(own.url()));
        } else if (own.username() != null && !own.username().isBlank()) {
            // Its own role on the shared database (least privilege): a pool of its own that logs in
            // as that role, which owns the service's schema and has no rights on any other.
            sharedPool();
            HikariDataSource pool = pool("bakery-" + module.name(), withoutCredentials(sharedUrl), own.username(), own.password(),
                    own.poolSize() == null ? OWN_POOL_DEFAULT : own.poolSize());
            database = new ServiceDatabase(module, pool, sharedLocation + " as " + own.username());
        } else {
            database = new ServiceDatabase(module, sharedPool(), sharedLocation);
        }
        migrate(database);
        return database;
    }

    /** Whether the shared database is the embedded PostgreSQL started by this process. */
    public synchronized boolean embeddedRunning() {
        return embedded != null;
    }

    private DataSource sharedPool() {
        if (shared == null) {
            BakeryProperties.Database db = properties.db();
            int size = db.poolSize() == null ? SHARED_POOL_DEFAULT : db.poolSize();
            if (db.configured()) {
                shared = pool("bakery-shared", db.url(), db.username(), db.password(), size);
                sharedLocation = withoutQuery(db.url());
                sharedUrl = db.url();
            } else {
                embedded = EmbeddedPostgresServer.start(properties.embeddedPostgresDirectory(),
                        properties.embeddedPostgresPasswordFile());
                shared = pool("bakery-shared", embedded.jdbcUrl(), embedded.username(), embedded.password(), size);
                sharedLocation = "embedded " + withoutQuery(embedded.jdbcUrl());
                sharedUrl = embedded.jdbcUrl();
            }
        }
        return shared;
    }

    private HikariDataSource pool(String name, String url, String username, String password, int size) {
        var config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        if (username != null) {
            config.setUsername(username);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        MeterRegistry registry = meterRegistry.getIfAvailable();
        if (registry != null) {
            config.setMetricRegistry(registry);
        }
        try {
            HikariDataSource pool = new HikariDataSource(config);
            pools.add(pool);
            return pool;
        } catch (RuntimeException e) {
            throw new DatabaseUnreachableException(withoutQuery(url), rootMessage(e), e);
        }
    }

    private static void migrate(ServiceDatabase database) {
        var result = flyway(database, legacyOnlyMissing(database)).migrate();
        log.info("Schema {} at version {} ({} migrations applied now)", database.schema(),
                result.targetSchemaVersion, result.migrationsExecuted);
        // The platform's own table in every service's schema (what each deletion run counted), with
        // a history of its own so its versions never mix with the service's.
        Flyway.configure()
                .dataSource(database.dataSource())
                .schemas(database.schema())
                .table(DeletionRunCounts.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/deletion-counts")
                .load()
                .migrate();
    }

    /**
     * The schema's migrations. A database from before the deletion orchestrator had a schema of its
     * own carries its old migrations (auth V100, V101) in auth's history; the tables moved with them,
     * so those entries have no file any more. Flyway can only ignore missing migrations wholesale, so
     * it is told to exactly when auth's history misses those two and nothing else: a migration
     * missing in any other schema, or any other one in auth, still stops the start-up (a file
     * deleted or renamed by mistake, a database of a newer version). "future" is Flyway's default, kept.
     */
    static org.flywaydb.core.Flyway flyway(ServiceDatabase database, boolean ignoreMissing) {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .schemas(database.schema())
                .createSchemas(true)
                .locations("classpath:db/migration/" + database.schema())
                .ignoreMigrationPatterns(ignoreMissing ? new String[] {"*:missing", "*:future"} : new String[] {"*:future"})
                .load();
    }

    /** The versions of auth's history that may lack a file: the deletion job store's, from before it moved. */
    static final java.util.Set<String> AUTH_LEGACY_VERSIONS = java.util.Set.of("100", "101");

    /** Whether the schema's history misses files, and those are only auth's legacy versions. */
    static boolean legacyOnlyMissing(ServiceDatabase database) {
        if (!database.schema().equals("auth")) {
            return false;
        }
        List<String> missing = java.util.Arrays.stream(flyway(database, false).info().all())
                .filter(migration -> migration.getState() != null && migration.getState().isApplied()
                        && !migration.getState().isResolved() && migration.getVersion() != null)
                .map(migration -> migration.getVersion().getVersion()).toList();
        return !missing.isEmpty() && AUTH_LEGACY_VERSIONS.containsAll(missing);
    }

    /** The URL without the {@code user} and {@code password} parameters it may carry (the embedded one names the superuser). */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.startsWith("user=") && !parameter.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public synchronized void destroy() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
