package com.bakeryia.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform configuration under {@code bakery.*}; every field is also settable as an environment
 * variable in Spring Boot's relaxed form ({@code BAKERY_DB_URL}, {@code BAKERY_DATA_DIR}, ...).
 *
 * @param dataDir  where the embedded PostgreSQL keeps its data and the platform its generated keys
 * @param db       the shared database of the services that are not given their own
 * @param services per-service settings, keyed by service name ({@code orders}, {@code alert-processor})
 */
@ConfigurationProperties("bakery")
public record BakeryProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Database db,
        Map<String, Service> services) {

    public BakeryProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /** Settings of one service, or an empty set when none are configured. */
    public Service service(String name) {
        return services.getOrDefault(name, new Service(null, new Database(null, null, null, null)));
    }

    /** The embedded PostgreSQL data directory: {@code <data-dir>/postgres}. */
    public Path embeddedPostgresDirectory() {
        return dataDir.resolve("postgres");
    }

    /** The embedded PostgreSQL superuser's generated password: {@code <data-dir>/keys/postgres-password}. */
    public Path embeddedPostgresPasswordFile() {
        return dataDir.resolve("keys").resolve("postgres-password");
    }

    /**
     * A database connection.
     *
     * @param url      JDBC URL; empty for the shared database means "start the embedded PostgreSQL"
     * @param username user name, if the URL does not carry one
     * @param password password, if the URL does not carry one
     * @param poolSize maximum connections of this pool; shared pool default 20, a service's own pool 5
     */
    public record Database(String url, String username, String password, Integer poolSize) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * Settings of one service.
     *
     * @param url base URL of the service when it runs in another process, for example
     *            {@code http://orders.internal:8080}
     * @param db  its own database; when absent the service uses the shared one
     */
    public record Service(URI url, Database db) {

        public Service {
            db = db == null ? new Database(null, null, null, null) : db;
        }
    }
}
