package com.bakeryia.platform.tenancy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the tenant service says about a user and a tenant.
 *
 * @param tenantId the tenant
 * @param status   its lifecycle status
 * @param role     the user's role in it, or null when the user is not a member
 * @param deletionScheduledFor when a tenant PENDING_DELETION will be deleted; null otherwise
 */
public record TenantAccess(UUID tenantId, TenantStatus status, TenantRole role, Instant deletionScheduledFor) {

    public TenantAccess(UUID tenantId, TenantStatus status, TenantRole role) {
        this(tenantId, status, role, null);
    }

    public Optional<TenantRole> membership() {
        return Optional.ofNullable(role);
    }
}
