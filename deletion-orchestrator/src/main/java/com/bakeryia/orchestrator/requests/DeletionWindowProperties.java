package com.bakeryia.orchestrator.requests;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The grace windows of deletions, under {@code bakery.deletion.*}.
 *
 * @param tenantGracePeriod how long a tenant's deletion waits after it was asked for, during which
 *                          the tenant accepts no writes, its members still read, and its OWNER or
 *                          an ADMIN can restore it; default 30 days; {@code 0s} means no window.
 *                          Services may skip it per request ({@code immediate=true}).
 * @param userGracePeriod   how long a user's erasure ({@code DELETE /api/v1/users/{user_id}}) waits
 *                          after it was asked for; default 30 days; {@code 0s} means no window.
 *                          From the request on the account is PENDING_DELETION (the person is locked
 *                          out); within the window the person cancels by logging in with
 *                          {@code cancel_deletion}, or a service restores the account
 *                          ({@code POST /api/v1/users/{user_id}/restore}). Services may skip it per
 *                          request ({@code immediate=true}).
 */
@ConfigurationProperties("bakery.deletion")
public record DeletionWindowProperties(@DefaultValue("30d") Duration tenantGracePeriod,
                                       @DefaultValue("30d") Duration userGracePeriod) {

    public DeletionWindowProperties {
        if (tenantGracePeriod == null || tenantGracePeriod.isNegative()) {
            throw new IllegalArgumentException("bakery.deletion.tenant-grace-period must be zero or positive");
        }
        if (userGracePeriod == null || userGracePeriod.isNegative()) {
            throw new IllegalArgumentException("bakery.deletion.user-grace-period must be zero or positive");
        }
    }
}
