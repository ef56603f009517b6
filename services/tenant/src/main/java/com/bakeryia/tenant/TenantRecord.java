package com.bakeryia.tenant;

import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantStatus;

/**
 * A row of {@code tenant.tenants}.
 *
 * @param deletionScheduledFor when a PENDING_DELETION tenant will be deleted; null otherwise
 * @param country              its jurisdiction (ISO 3166-1 alpha-2); null only for a row written by other
 *                             means since this process started (start-up gives such rows the default)
 */
record TenantRecord(UUID id, String name, UUID ownerUserId, TenantStatus status, Instant createdAt,
                    Instant deletionScheduledFor, String country) {
}
