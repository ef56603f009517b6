package com.bakeryia.platform;

import java.util.regex.Pattern;

/**
 * A service running in this process.
 *
 * @param name   the service name (targets, URLs, health), for example {@code alert-processor}
 * @param schema the PostgreSQL schema it owns, the name with dashes as underscores
 */
public record ServiceModule(String name, String schema) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]*");

    public ServiceModule {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid service name '" + name + "'");
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("Invalid schema name '" + schema + "' of service " + name);
        }
    }

    public static ServiceModule named(String name) {
        return new ServiceModule(name, schemaOf(name));
    }

    public static String schemaOf(String serviceName) {
        return serviceName.replace('-', '_');
    }
}
