package com.bakeryia.orchestrator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The grace window of a deletion, under {@code bakery.deletion.*}.
 *
 * @param tenantGracePeriod how long a tenant's deletion waits after it was asked for, during which
 *                          the tenant accepts no writes, its members still read, and its OWNER or
 *                          an ADMIN can restore it; default 30 days; {@code 0s} means no window.
 *                          Services may skip it per request ({@code immediate=true}).
 */
@ConfigurationProperties("bakery.deletion")
public record DeletionWindowProperties(@DefaultValue("30d") Duration tenantGracePeriod) {

    public DeletionWindowProperties {
        if (tenantGracePeriod == null || tenantGracePeriod.isNegative()) {
            throw new IllegalArgumentException("bakery.deletion.tenant-grace-period must be zero or positive");
        }
    }
}
