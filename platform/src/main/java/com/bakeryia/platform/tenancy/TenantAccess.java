package com.bakeryia.platform.tenancy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the tenant service says about a user and a tenant, and what the tenant is called.
 *
 * @param tenantId the tenant
 * @param status   its lifecycle status
 * @param role     the user's role in it, or null when the user is not a member
 * @param deletionScheduledFor when a tenant PENDING_DELETION will be deleted; null otherwise
 * @param tenantName the name its owner gave the tenant (for example for a confirmation that asks for
 *                   it typed back); null where a caller does not need it
 * @param country    the tenant's jurisdiction (ISO 3166-1 alpha-2), whose law decides what its deletion
 *                   keeps; null where a caller does not need it
 */
@JsonIgnoreProperties(ignoreUnknown = true) // a newer tenant service may say more; what is read here stays the same
public record TenantAccess(UUID tenantId, TenantStatus status, TenantRole role, Instant deletionScheduledFor,
                           String tenantName, String country) {

    public TenantAccess(UUID tenantId, TenantStatus status, TenantRole role) {
        this(tenantId, status, role, null, null, null);
    }

    public TenantAccess(UUID tenantId, TenantStatus status, TenantRole role, Instant deletionScheduledFor) {
        this(tenantId, status, role, deletionScheduledFor, null, null);
    }

    public TenantAccess(UUID tenantId, TenantStatus status, TenantRole role, Instant deletionScheduledFor, String tenantName) {
        this(tenantId, status, role, deletionScheduledFor, tenantName, null);
    }

    public Optional<TenantRole> membership() {
        return Optional.ofNullable(role);
    }
}
