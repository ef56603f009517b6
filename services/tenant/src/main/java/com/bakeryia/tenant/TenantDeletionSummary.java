package com.bakeryia.tenant;

import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.security.PrincipalKind;

/**
 * What the tenant service's own part of a tenant deletion did.
 *
 * @param deletedBy              the user id or service client id that asked for it
 * @param alreadyDeleted         true when the tenant was already gone and this repeats the earlier record
 * @param subscriptionsCancelled subscriptions that were ACTIVE and were cancelled
 * @param subscriptionsDeleted   subscription rows removed (after cancelling)
 * @param membershipsDeleted     memberships removed, the owner's included
 * @param tenantDeleted          whether the tenant row is gone (always true on success)
 */
public record TenantDeletionSummary(UUID tenantId, String deletedBy, PrincipalKind actorKind, boolean alreadyDeleted,
                                    int subscriptionsCancelled, int subscriptionsDeleted, int membershipsDeleted,
                                    boolean tenantDeleted, Instant startedAt, Instant finishedAt) {
}
