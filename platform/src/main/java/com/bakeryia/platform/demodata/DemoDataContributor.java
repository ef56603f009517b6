package com.bakeryia.platform.demodata;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service's part of the bulk data generator, declared as a bean in the service. It writes with
 * large JDBC batches or COPY, never row by row over HTTP.
 */
public interface DemoDataContributor {

    /** The service name. */
    String service();

    /**
     * Fills the tenant with this service's share of {@code size}; people columns take ids from
     * {@code memberIds}. Returns rows written per table ({@code schema.table}).
     */
    Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds);
}
