package com.bakeryia.tenant;

import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;

/**
 * A tenant as the API shows it.
 *
 * @param role                 the caller's role, in the list of the caller's tenants only (absent elsewhere)
 * @param deletionScheduledFor when a PENDING_DELETION tenant will be deleted (absent otherwise)
 * @param country              the tenant's jurisdiction, an ISO 3166-1 alpha-2 code: its law decides what
 *                             the platform keeps of the tenant's records after its deletion
 */
record TenantView(UUID id, String name, UUID ownerId, TenantStatus status, Instant createdAt, TenantRole role,
                  Instant deletionScheduledFor, String country) {

    static TenantView of(TenantRecord tenant) {
        return of(tenant, null);
    }

    static TenantView of(TenantRecord tenant, TenantRole role) {
        return new TenantView(tenant.id(), tenant.name(), tenant.ownerUserId(), tenant.status(), tenant.createdAt(), role,
                tenant.deletionScheduledFor(), tenant.country());
    }
}
