package com.bakeryia.orchestrator;

import java.util.Map;
import java.util.UUID;

/**
 * The last step of a tenant deletion: cancel the subscription, delete the memberships and the
 * tenant, publish {@code tenant.deleted}. It runs only after every participant has deleted and
 * verification found zero rows, because the tenant record is the index of what still exists. Must
 * be idempotent: a retry after a crash may call it again for a tenant that is already gone, and
 * that must succeed.
 *
 * <p>By default the orchestrator calls the tenant service's deletion participant {@code tenant}
 * (in this process, or over HTTP at {@code DELETE /api/v1/tenant/tenant/{tenant_id}}); a host may
 * supply its own bean instead.
 */
public interface TenantRecordRemoval {

    /**
     * Removes the tenant record.
     *
     * @return rows removed per table ({@code schema.table}); empty when already gone or not counted
     * @throws RuntimeException when the record could not be removed (the step is retried)
     */
    Map<String, Long> removeTenantRecord(UUID tenantId);
}
