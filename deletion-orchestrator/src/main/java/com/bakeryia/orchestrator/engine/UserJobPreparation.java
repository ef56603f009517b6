package com.bakeryia.orchestrator.engine;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.LeasedStep;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.lifecycle.GraceWindows;
import com.bakeryia.orchestrator.lifecycle.OwnedTenants;
import com.bakeryia.orchestrator.lifecycle.TenantSuccessors;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.UserMemberships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PREPARE step of a user job. First the account is locked for good: DELETING at the auth
 * service (PENDING_DELETION first when it is not yet), so the person cannot act or cancel while
 * the erasure runs, also for jobs created before accounts had a deletion lifecycle. Then every tenant the user owned when the job was created:
 * ownership is transferred to the chosen admin (skipped when it already happened, or when someone
 * else took the tenant over meanwhile). The choice is checked at every attempt: when the chosen
 * admin was demoted or erased since the job started, the longest-standing other ADMIN is chosen
 * and recorded instead; with none left the step fails for good, naming the tenant (an operator
 * makes someone ADMIN and retries). Or a full
 * tenant deletion job is started and waited for (the step is deferred, not failed, while it runs;
 * a FAILED tenant job fails this step for good, so the user is never deleted while a bakery they
 * asked to delete is half-deleted). Then every membership is removed; a membership that is still
 * an OWNER fails the step, because a tenant must never be left without its owner.
 */
public class UserJobPreparation {

    private static final Logger log = LoggerFactory.getLogger(UserJobPreparation.class);

    /** Recorded as who started the tenant jobs of owned tenants: the job store keeps no personal data. */
    static final Initiator USER_DELETION = Initiator.service("user-deletion");

    private final DeletionJobStarts starts;
    private final DeletionJobReads reads;
    private final OwnedTenants ownedTenants;
    private final UserMemberships tenancy;
    private final UserDirectory users;
    private final DataServices dataServices;
    private final OrchestratorProperties properties;
    private final Clock clock;
    private final GraceWindows graceWindows;

    public UserJobPreparation(DeletionJobStarts starts, DeletionJobReads reads, OwnedTenants ownedTenants,
                       UserMemberships tenancy, UserDirectory users, DataServices dataServices,
                       OrchestratorProperties properties, Clock clock, GraceWindows graceWindows) {
        this.starts = starts;
        this.reads = reads;
        this.ownedTenants = ownedTenants;
        this.tenancy = tenancy;
        this.users = users;
        this.dataServices = dataServices;
        this.properties = properties;
        this.clock = clock;
        this.graceWindows = graceWindows;
    }

    AttemptOutcome run(LeasedStep step) {
        if (!lockAccount(step.subjectId())) {
            return AttemptOutcome.failed("the account of user " + step.subjectId() + " is ACTIVE again (its deletion"
                    + " was cancelled) and could not be marked DELETING; nothing of the user was deleted; start a new"
                    + " deletion if it is still wanted", false);
        }
        Map<String, Long> transferred = new LinkedHashMap<>();
        Map<String, Long> deletedTenants = new LinkedHashMap<>();
        for (OwnedTenants.OwnedTenant owned : ownedTenants.of(step.jobId())) {
            if (owned.done()) {
                (owned.delete() ? deletedTenants : transferred).put(owned.tenantId().toString(), 1L);
                continue;
            }
            if (owned.delete()) {
                Optional<AttemptOutcome> notYet = deleteTenant(step, owned);
                if (notYet.isPresent()) {
                    return notYet.get();
                }
                deletedTenants.put(owned.tenantId().toString(), 1L);
            } else {
                boolean stillOwner = tenancy.of(step.subjectId()).stream().anyMatch(m -> m.tenantId().equals(owned.tenantId())
                        && m.role() == TenantRole.OWNER);
                if (stillOwner) {
                    Optional<UUID> newOwner = newOwner(step, owned);
                    if (newOwner.isEmpty()) {
                        return AttemptOutcome.failed("tenant " + owned.tenantId() + " has no ADMIN left to take it over"
                                + " (the chosen new owner " + owned.newOwnerId() + " is no longer one); make a member"
                                + " of it ADMIN, then retry this job", false);
                    }
                    tenancy.transferOwnership(owned.tenantId(), newOwner.get());
                }
                // Not the owner any more: someone else took the tenant over, which is all this step needs.
                transferred.put(owned.tenantId().toString(), 1L);
            }
            ownedTenants.done(step.jobId(), owned.tenantId(), clock.instant());
        }
        // The step is the run: its count includes memberships an earlier attempt removed before it died.
        UserMemberships.Removal removal = tenancy.removeAll(step.subjectId(), step.stepId());
        if (!removal.blockingTenantIds().isEmpty()) {
            return AttemptOutcome.failed("the user owns tenants that were not handed over: " + removal.blockingTenantIds()
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
        return AttemptOutcome.succeeded(counts, removal.removed(), 0);
    }

    /**
     * Makes the account DELETING, idempotently: one read when it already is (or is gone, erased by
     * an earlier attempt); otherwise PENDING_DELETION now (which refuses nothing but DELETING) and
     * then DELETING.
     *
     * @return false when the auth service refuses DELETING: the account is ACTIVE again
     */
    private boolean lockAccount(UUID userId) {
        Optional<UserDirectory.Account> account = users.account(userId);
        if (account.isEmpty() || account.get().status() == UserDirectory.AccountStatus.DELETING) {
            return true;
        }
        users.scheduleDeletion(userId, clock.instant());
        return users.markDeleting(userId);
    }

    /**
     * The new owner for a TRANSFER tenant, re-planned at every attempt: the recorded choice while it
     * is still an ADMIN of the tenant; otherwise the longest-standing other ADMIN, recorded as the new
     * choice; empty when there is none (the plan made at the start can no longer be carried out).
     */
    private Optional<UUID> newOwner(LeasedStep step, OwnedTenants.OwnedTenant owned) {
        List<UUID> admins = TenantSuccessors.of(tenancy, users, owned.tenantId(), step.subjectId());
        if (admins.contains(owned.newOwnerId())) {
            return Optional.of(owned.newOwnerId());
        }
        if (admins.isEmpty()) {
            return Optional.empty();
        }
        UUID replacement = admins.get(0);
        ownedTenants.newOwnerChosen(step.jobId(), owned.tenantId(), replacement);
        log.info("Job {} user {}: the chosen new owner {} of tenant {} is no longer an ADMIN of it; handing it to {},"
                + " its longest-standing ADMIN", step.jobId(), step.subjectId(), owned.newOwnerId(), owned.tenantId(), replacement);
        return Optional.of(replacement);
    }

    /** Empty once the tenant job has COMPLETED; otherwise what the step reports meanwhile. */
    private Optional<AttemptOutcome> deleteTenant(LeasedStep step, OwnedTenants.OwnedTenant owned) {
        UUID tenantJob = owned.tenantJobId();
        if (tenantJob == null) {
            tenancy.markTenantDeleting(owned.tenantId());
            tenantJob = starts.startOrFind(JobKind.TENANT, owned.tenantId(), USER_DELETION, dataServices.names(),
                    List.of(), properties.maxAttempts(), clock.instant()).jobId();
            ownedTenants.tenantJobStarted(step.jobId(), owned.tenantId(), tenantJob);
        }
        JobStatus status = reads.status(tenantJob).orElse(JobStatus.FAILED);
        if (status == JobStatus.SCHEDULED) {
            // The tenant's deletion was already scheduled (its window running): the user asked to
            // delete their tenants now, so it starts now instead of holding up their erasure.
            graceWindows.startNow(tenantJob, JobKind.TENANT, owned.tenantId(), USER_DELETION);
            status = reads.status(tenantJob).orElse(JobStatus.FAILED);
        }
        return switch (status) {
            case COMPLETED -> Optional.empty();
            case FAILED -> Optional.of(AttemptOutcome.failed("tenant deletion job " + tenantJob + " for tenant "
                    + owned.tenantId() + " failed; retry it, then retry this job", false));
            case CANCELLED -> Optional.of(AttemptOutcome.failed("tenant " + owned.tenantId() + " was restored (deletion job "
                    + tenantJob + " cancelled) while this user's deletion waited for it; hand it over or delete it,"
                    + " then start the user's deletion again", false));
            default -> Optional.of(AttemptOutcome.waiting("waiting for tenant deletion job " + tenantJob + " ("
                    + status + ")"));
        };
    }
}
