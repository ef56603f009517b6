package com.bakeryia.orchestrator;

import java.util.UUID;

/**
 * The last step of a tenant deletion, supplied by whoever hosts the tenant record: cancel the
 * subscription, delete the memberships and the tenant, publish {@code tenant.deleted}. It runs
 * only after every participant has deleted and verification found zero rows, because the tenant
 * record is the index of what still exists. Must be idempotent: a retry after a crash may call it
 * again for a tenant that is already gone, and that must succeed.
 */
public interface TenantRecordRemoval {

    void removeTenantRecord(UUID tenantId);
}
