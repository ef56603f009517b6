package com.bakeryia.tenant;

import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantStatus;

/**
 * A row of {@code tenant.tenants}.
 *
 * @param deletionScheduledFor when a PENDING_DELETION tenant will be deleted; null otherwise
 */
record TenantRecord(UUID id, String name, UUID ownerUserId, TenantStatus status, Instant createdAt,
                    Instant deletionScheduledFor) {
}
