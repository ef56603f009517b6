package com.bakeryia.platform.health;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * A running service is UP when its database answers and its schema carries an applied migration.
 * Details (schema, version, database location) are shown only to authorised callers.
 */
public class ServiceHealthIndicator extends AbstractHealthIndicator {

    private final ServiceDatabase database;

    public ServiceHealthIndicator(ServiceDatabase database) {
        super("Health check of service " + database.module().name() + " failed");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String version = database.migrationVersion();
        builder.withDetail("schema", database.schema())
                .withDetail("database", database.location())
                .withDetail("migration_version", version == null ? "none" : version);
        if (version == null) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
