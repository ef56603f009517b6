package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.UserMemberships;
import com.bakeryia.platform.web.ApiProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;


/**
 * The orchestrator's API for deleting a user (right to erasure): plan what happens to the tenants
 * they own, preview, and start a USER job. A start is refused before anything changes when, with
 * {@code TRANSFER}, an owned tenant has no admin to take it over. Idempotent: while the user has an
 * unfinished job, every start returns it.
 */
public class UserDeletions {

    private static final Logger log = LoggerFactory.getLogger(UserDeletions.class);

    /** What happens to the tenants the user owns. */
    public enum OwnedTenants {
        /** Ownership goes to the chosen admin, or else the longest-standing admin. */
        TRANSFER,
        /** The tenant is deleted by a full tenant deletion job, which the user job waits for. */
        DELETE
    }

    /**
     * A request to delete a user.
     *
     * @param newOwners chosen new owners by tenant id (TRANSFER only); other owned tenants get their
     *                  longest-standing admin
     */
    public record Request(UUID userId, OwnedTenants ownedTenants, Map<UUID, UUID> newOwners) {

        public Request {
            Objects.requireNonNull(userId, "userId");
            ownedTenants = ownedTenants == null ? OwnedTenants.TRANSFER : ownedTenants;
            newOwners = Map.copyOf(newOwners == null ? Map.of() : newOwners);
        }
    }

    private final DeletionJobStarts starts;
    private final DeletionJobReads reads;
    private final DeletionWorker worker;
    private final ParticipantDirectory participants;
    private final UserMemberships tenancy;
    private final DataServices dataServices;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final Clock clock;

    UserDeletions(DeletionJobStarts starts, DeletionJobReads reads, DeletionWorker worker,
                  ParticipantDirectory participants, UserMemberships tenancy, DataServices dataServices,
                  DeletionMetrics metrics, OrchestratorProperties properties, Clock clock) {
        this.starts = starts;
        this.reads = reads;
        this.worker = worker;
        this.participants = participants;
        this.tenancy = tenancy;
        this.dataServices = dataServices;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** The user's unfinished USER job (PENDING, RUNNING or FAILED), if any. */
    public Optional<DeletionJobSummary> unfinishedJob(UUID userId) {
        return reads.unfinished(JobKind.USER, userId, clock.instant());
    }

    /**
     * Starts deleting the user, or returns their unfinished job.
     *
     * @param initiator the user themself or a service
     * @throws ApiProblem 400 when a chosen new owner names a tenant the user does not own (or the
     *                    user themself); 409 listing the tenants that have no admin to take them over
     */
    public DeletionJobSummary start(Request request, Initiator initiator) {
        Objects.requireNonNull(initiator, "initiator");
        Optional<DeletionJobSummary> unfinished = unfinishedJob(request.userId());
        if (unfinished.isPresent()) {
            return unfinished.get();
        }
        List<UserDeletionPreview.OwnedTenant> owned = plan(request);
        List<UUID> blocked = owned.stream().filter(UserDeletionPreview.OwnedTenant::blocked)
                .map(UserDeletionPreview.OwnedTenant::tenantId).toList();
        if (!blocked.isEmpty()) {
            throw ApiProblem.conflict("User " + request.userId() + " owns tenants that no admin can take over: " + blocked
                    + ". Make another member ADMIN, choose a new owner, or use owned_tenants=delete. Nothing was started.")
                    .with("tenants", blocked)
                    .with("reasons", owned.stream().filter(UserDeletionPreview.OwnedTenant::blocked)
                            .collect(Collectors.toMap(t -> t.tenantId().toString(), UserDeletionPreview.OwnedTenant::reason)));
        }
        List<DeletionJobStarts.OwnedTenantPlan> plans = owned.stream().map(tenant -> new DeletionJobStarts.OwnedTenantPlan(
                tenant.tenantId(), "DELETE".equals(tenant.action()), tenant.newOwnerId())).toList();
        DeletionJobStarts.StartedJob job = starts.startOrFind(JobKind.USER, request.userId(), initiator,
                dataServices.names(), plans, properties.maxAttempts(), clock.instant());
        if (job.created()) {
            metrics.jobStarted();
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var subject = MDC.putCloseable("user_id", request.userId().toString())) {
                log.info("Job {} user {}: deletion started; {} owned tenants ({}), {} participants", job.jobId(),
                        request.userId(), plans.size(), request.ownedTenants(), dataServices.names().size());
            }
            worker.wake();
        }
        return reads.find(job.jobId(), clock.instant()).orElseThrow();
    }

    /**
     * What deleting the user would do; changes nothing. Bad chosen owners are a 400 as for a start;
     * tenants that would block a TRANSFER are listed as BLOCKED.
     */
    public UserDeletionPreview preview(Request request) {
        List<UserDeletionPreview.OwnedTenant> owned = plan(request);
        List<UserDeletionPreview.Membership> removed = tenancy.of(request.userId()).stream()
                .map(m -> new UserDeletionPreview.Membership(m.tenantId(), m.role())).toList();
        List<String> services = new ArrayList<>(dataServices.names());
        services.add(JobPlan.TENANT_SERVICE);
        services.add(JobPlan.USER_SERVICE);
        DeletionSubject subject = DeletionSubject.user(request.userId());
        ParticipantPreviews.Collected collected = new ParticipantPreviews(participants, properties).collect(services, subject);
        return new UserDeletionPreview(request.userId(), owned, removed, collected.totalItems() + removed.size(),
                collected.answered(), collected.unavailable());
    }

    /** Decides, for every tenant the user owns, TRANSFER to whom, DELETE, or BLOCKED and why. */
    private List<UserDeletionPreview.OwnedTenant> plan(Request request) {
        Set<UUID> ownedIds = tenancy.of(request.userId()).stream().filter(m -> m.role() == TenantRole.OWNER)
                .map(UserMemberships.Membership::tenantId).collect(Collectors.toSet());
        for (var chosen : request.newOwners().entrySet()) {
            if (!ownedIds.contains(chosen.getKey())) {
                throw ApiProblem.badRequest("new_owner names tenant " + chosen.getKey() + ", which user "
                        + request.userId() + " does not own.");
            }
            if (chosen.getValue().equals(request.userId())) {
                throw ApiProblem.badRequest("new_owner for tenant " + chosen.getKey() + " is the user being deleted.");
            }
        }
        if (request.ownedTenants() == OwnedTenants.DELETE && !request.newOwners().isEmpty()) {
            throw ApiProblem.badRequest("new_owner applies only with owned_tenants=transfer.");
        }
        List<UserDeletionPreview.OwnedTenant> plans = new ArrayList<>();
        for (UUID tenantId : ownedIds.stream().sorted().toList()) {
            if (request.ownedTenants() == OwnedTenants.DELETE) {
                plans.add(new UserDeletionPreview.OwnedTenant(tenantId, "DELETE", null, null));
                continue;
            }
            List<UUID> admins = TenantSuccessors.of(tenancy, tenantId, request.userId());
            UUID chosen = request.newOwners().get(tenantId);
            if (chosen != null) {
                plans.add(admins.contains(chosen) ? new UserDeletionPreview.OwnedTenant(tenantId, "TRANSFER", chosen, null)
                        : new UserDeletionPreview.OwnedTenant(tenantId, "BLOCKED", null,
                        "the chosen new owner " + chosen + " is not an ADMIN of the tenant"));
            } else if (admins.isEmpty()) {
                plans.add(new UserDeletionPreview.OwnedTenant(tenantId, "BLOCKED", null, "the tenant has no other ADMIN"));
            } else {
                plans.add(new UserDeletionPreview.OwnedTenant(tenantId, "TRANSFER", admins.get(0), null));
            }
        }
        return plans;
    }
}
