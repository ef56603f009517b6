package com.bakeryia.platform.demodata;

import java.util.Map;
import java.util.UUID;

/**
 * What the bulk data generator wrote into one tenant.
 *
 * @param tenantId      the tenant filled
 * @param size          the named size asked for, lower case
 * @param services      rows written per service, keyed by service name
 * @param totalRows     rows written in all services
 * @param elapsedMs     wall-clock time until every service had written its share
 * @param rowsPerSecond {@code totalRows} over {@code elapsedMs}
 */
public record DemoDataReport(UUID tenantId, String size, Map<String, ServiceRows> services, long totalRows,
                             long elapsedMs, long rowsPerSecond) {

    /**
     * One service's part.
     *
     * @param service   the service name
     * @param tables    rows written per table ({@code schema.table})
     * @param rows      rows written in all its tables
     * @param elapsedMs how long the service took
     */
    public record ServiceRows(String service, Map<String, Long> tables, long rows, long elapsedMs) {
    }
}
