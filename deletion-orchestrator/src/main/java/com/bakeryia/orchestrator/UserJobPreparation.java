package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.UserMemberships;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The PREPARE step of a user job. First every tenant the user owned when the job was created:
 * ownership is transferred to the chosen admin (skipped when it already happened), or a full
 * tenant deletion job is started and waited for (the step is deferred, not failed, while it runs;
 * a FAILED tenant job fails this step for good, so the user is never deleted while a bakery they
 * asked to delete is half-deleted). Then every membership is removed; a membership that is still
 * an OWNER fails the step, because a tenant must never be left without its owner.
 */
class UserJobPreparation {

    private final DeletionJobStore store;
    private final ObjectProvider<UserMemberships> memberships;
    private final OrchestratorProperties properties;
    private final Clock clock;

    UserJobPreparation(DeletionJobStore store, ObjectProvider<UserMemberships> memberships,
                       OrchestratorProperties properties, Clock clock) {
        this.store = store;
        this.memberships = memberships;
        this.properties = properties;
        this.clock = clock;
    }

    StepWork.Done run(DeletionJobStore.ClaimedStep step) {
        UserMemberships tenancy = memberships.getIfAvailable();
        if (tenancy == null) {
            return StepWork.Done.failure("the tenant service does not run in this process; user deletions need it", true);
        }
        Map<String, Long> transferred = new LinkedHashMap<>();
        Map<String, Long> deletedTenants = new LinkedHashMap<>();
        for (DeletionJobStore.OwnedTenant owned : store.ownedTenants(step.jobId())) {
            if (owned.done()) {
                (owned.delete() ? deletedTenants : transferred).put(owned.tenantId().toString(), 1L);
                continue;
            }
            if (owned.delete()) {
                Optional<StepWork.Done> notYet = deleteTenant(step, owned, tenancy);
                if (notYet.isPresent()) {
                    return notYet.get();
                }
                deletedTenants.put(owned.tenantId().toString(), 1L);
            } else {
                boolean stillOwner = tenancy.of(step.subjectId()).stream().anyMatch(m -> m.tenantId().equals(owned.tenantId())
                        && m.role() == TenantRole.OWNER);
                if (stillOwner) {
                    tenancy.transferOwnership(owned.tenantId(), owned.newOwnerId());
                }
                transferred.put(owned.tenantId().toString(), 1L);
            }
            store.ownedTenantDone(step.jobId(), owned.tenantId(), clock.instant());
        }
        UserMemberships.Removal removal = tenancy.removeAll(step.subjectId());
        if (!removal.blockingTenantIds().isEmpty()) {
            return StepWork.Done.failure("the user owns tenants that were not handed over: " + removal.blockingTenantIds()
                    + "; start a new user deletion once they have another owner", false);
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("deleted", Map.of("tenant.memberships", (long) removal.removed()));
        if (!transferred.isEmpty()) {
            counts.put("ownership_transferred", transferred);
        }
        if (!deletedTenants.isEmpty()) {
            counts.put("tenant_deleted", deletedTenants);
        }
        return StepWork.Done.success(counts, removal.removed(), 0);
    }

    /** Empty once the tenant job has COMPLETED; otherwise what the step reports meanwhile. */
    private Optional<StepWork.Done> deleteTenant(DeletionJobStore.ClaimedStep step, DeletionJobStore.OwnedTenant owned,
                                                 UserMemberships tenancy) {
        java.util.UUID tenantJob = owned.tenantJobId();
        if (tenantJob == null) {
            tenancy.markTenantDeleting(owned.tenantId());
            // Started by the user job itself, recorded as a service: the job store keeps no personal data.
            tenantJob = store.startOrFind(JobKind.TENANT, owned.tenantId(), null, "user-deletion", properties.participants(),
                    properties.maxAttempts(), clock.instant()).jobId();
            store.ownedTenantJobStarted(step.jobId(), owned.tenantId(), tenantJob);
        }
        JobStatus status = store.status(tenantJob).orElse(JobStatus.FAILED);
        return switch (status) {
            case COMPLETED -> Optional.empty();
            case FAILED -> Optional.of(StepWork.Done.failure("tenant deletion job " + tenantJob + " for tenant "
                    + owned.tenantId() + " failed; retry it, then retry this job", false));
            default -> Optional.of(StepWork.Done.waiting("waiting for tenant deletion job " + tenantJob + " ("
                    + status + ")"));
        };
    }
}
