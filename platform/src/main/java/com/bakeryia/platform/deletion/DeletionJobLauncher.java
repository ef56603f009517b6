package com.bakeryia.platform.deletion;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;

/**
 * Starts deletion jobs in the deletion orchestrator, wherever it runs: in this process (the
 * orchestrator module supplies the bean) or in the auth service's process
 * ({@link RemoteDeletionJobLauncher}, over {@code POST /api/v1/deletion-jobs}). Lets the tenant
 * service start a tenant's deletion without depending on the orchestrator's internals.
 */
public interface DeletionJobLauncher {

    /**
     * Starts deleting the tenant's data in every participant, or answers the tenant's unfinished
     * job (PENDING, RUNNING or FAILED): never a second one.
     *
     * @param tenantId  the tenant, already marked for deletion by the caller
     * @param initiator who asked: a user (their id is kept in the job) or a service (its client id)
     */
    DeletionJobRef startTenantDeletion(UUID tenantId, CallerPrincipal initiator);
}
