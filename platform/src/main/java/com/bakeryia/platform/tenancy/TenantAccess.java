package com.bakeryia.platform.tenancy;

import java.util.Optional;
import java.util.UUID;

/**
 * What the tenant service says about a user and a tenant.
 *
 * @param tenantId the tenant
 * @param status   its lifecycle status
 * @param role     the user's role in it, or null when the user is not a member
 */
public record TenantAccess(UUID tenantId, TenantStatus status, TenantRole role) {

    public Optional<TenantRole> membership() {
        return Optional.ofNullable(role);
    }
}
