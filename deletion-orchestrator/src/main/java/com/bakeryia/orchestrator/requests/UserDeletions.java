package com.bakeryia.orchestrator.requests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.engine.DeletionMetrics;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.engine.OrchestratorProperties;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobPlan;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.lifecycle.GraceWindows;
import com.bakeryia.orchestrator.lifecycle.OwnedTenants;
import com.bakeryia.orchestrator.lifecycle.TenantSuccessors;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.UserMemberships;
import com.bakeryia.platform.web.ApiProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;


/**
 * The orchestrator's API for deleting a user (right to erasure): plan what happens to the tenants
 * they own, preview, schedule or start a USER job, restore a scheduled one. A start is refused
 * before anything changes when, with {@code TRANSFER}, an owned tenant has no admin to take it
 * over. Idempotent: while the user has an unfinished job, every start returns it.
 *
 * <p>The auth service's account decides the lifecycle ({@link UserDirectory}): it is locked
 * (PENDING_DELETION) before the job exists, so the lock never lags the answer; it becomes DELETING
 * when the job starts, which the auth service refuses when the person cancelled by logging in; the
 * orchestrator then cancels the job instead ({@link GraceWindows}).
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
    private final GraceWindows graceWindows;
    private final ParticipantDirectory participants;
    private final UserMemberships tenancy;
    private final UserDirectory users;
    private final DataServices dataServices;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final DeletionWindowProperties window;
    private final Clock clock;

    public UserDeletions(DeletionJobStarts starts, DeletionJobReads reads, DeletionWorker worker,
                  GraceWindows graceWindows, ParticipantDirectory participants, UserMemberships tenancy,
                  UserDirectory users, DataServices dataServices, DeletionMetrics metrics,
                  OrchestratorProperties properties, DeletionWindowProperties window, Clock clock) {
        this.starts = starts;
        this.reads = reads;
        this.worker = worker;
        this.graceWindows = graceWindows;
        this.participants = participants;
        this.tenancy = tenancy;
        this.users = users;
        this.dataServices = dataServices;
        this.metrics = metrics;
        this.properties = properties;
        this.window = window;
        this.clock = clock;
    }

    /** The user's unfinished USER job (SCHEDULED, PENDING, RUNNING or FAILED), if any. */
    public Optional<DeletionJobSummary> unfinishedJob(UUID userId) {
        return reads.unfinished(JobKind.USER, userId, clock.instant());
    }

    /**
     * Deletes the user after the configured window ({@code bakery.deletion.user-grace-period}), or
     * returns their unfinished job.
     *
     * @param initiator the user themself, a service or an operator
     * @throws ApiProblem 400 when a chosen new owner names a tenant the user does not own (or the
     *                    user themself); 409 listing the tenants that have no admin to take them over,
     *                    or when the person cancelled their deletion while this one was starting
     */
    public DeletionJobSummary start(Request request, Initiator initiator) {
        return start(request, initiator, window.userGracePeriod());
    }

    /**
     * Deletes the user after {@code gracePeriod}, or at once when it is zero. With a window the
     * account is first locked (PENDING_DELETION until the deadline; when the auth service answers
     * that it is DELETING already, the job starts now) and the job is SCHEDULED; without one the
     * account is locked and marked DELETING, then the job starts. A SCHEDULED job asked for again
     * without a window (a service's {@code immediate=true}) starts now. A SCHEDULED job whose
     * account is ACTIVE again (the person cancelled by logging in, not yet noticed) is CANCELLED and
     * the request treated as a new one. A FAILED job asked for again by a service or an operator is retried.
     */
    public DeletionJobSummary start(Request request, Initiator initiator, Duration gracePeriod) {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        UUID userId = request.userId();
        Optional<DeletionJobSummary> unfinished = unfinishedJob(userId);
        if (unfinished.isPresent() && unfinished.get().status() == JobStatus.SCHEDULED) {
            DeletionJobSummary scheduled = unfinished.get();
            if (graceWindows.cancelIfWithdrawn(new DeletionJobStarts.ScheduledJob(scheduled.jobId(), JobKind.USER,
                    userId, scheduled.scheduledFor()), clock.instant())) {
                unfinished = Optional.empty();
            } else {
                if (gracePeriod.isZero()) {
                    skipWindow(scheduled.jobId(), userId, initiator);
                }
                return reads.find(scheduled.jobId(), clock.instant()).orElseThrow();
            }
        }
        if (unfinished.isPresent()) {
            retryIfFailed(unfinished.get(), initiator);
            return reads.find(unfinished.get().jobId(), clock.instant()).orElseThrow();
        }
        List<UserDeletionPreview.OwnedTenant> owned = plan(request);
        List<UUID> blocked = owned.stream().filter(UserDeletionPreview.OwnedTenant::blocked)
                .map(UserDeletionPreview.OwnedTenant::tenantId).toList();
        if (!blocked.isEmpty()) {
            throw ApiProblem.conflict("User " + userId + " owns tenants that no admin can take over: " + blocked
                    + ". Make another member ADMIN, choose a new owner, or use owned_tenants=delete. Nothing was started.")
                    .with("tenants", blocked)
                    .with("reasons", owned.stream().filter(UserDeletionPreview.OwnedTenant::blocked)
                            .collect(Collectors.toMap(t -> t.tenantId().toString(), UserDeletionPreview.OwnedTenant::reason)));
        }
        List<DeletionJobStarts.OwnedTenantPlan> plans = owned.stream().map(tenant -> new DeletionJobStarts.OwnedTenantPlan(
                tenant.tenantId(), "DELETE".equals(tenant.action()), tenant.newOwnerId())).toList();
        Instant now = clock.instant();
        // As PostgreSQL keeps it (microseconds), so the account and the job name the same instant.
        Instant startAt = now.plus(gracePeriod).truncatedTo(ChronoUnit.MICROS);
        // The account is locked before the job exists, so the person is locked out from the answer on;
        // an account locked whose job could not be created stays locked, and asking again creates it.
        if (gracePeriod.isZero()) {
            users.scheduleDeletion(userId, now);
            if (!users.markDeleting(userId)) {
                throw cancelledMeanwhile(userId);
            }
        } else if (!users.scheduleDeletion(userId, startAt)) {
            // DELETING already (an earlier request without a window whose job was never created):
            // nobody can cancel it any more, so its job starts now.
            startAt = now;
        }
        DeletionJobStarts.StartedJob job = starts.startOrFind(JobKind.USER, userId, initiator,
                dataServices.names(), plans, properties.maxAttempts(), now, startAt);
        if (job.created()) {
            metrics.jobStarted();
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var subject = MDC.putCloseable("user_id", userId.toString())) {
                log.info("Job {} user {}: deletion asked for by {}, starting {}; {} owned tenants ({}), {} participants",
                        job.jobId(), userId, initiator, startAt.isAfter(now) ? "at " + startAt : "now", plans.size(),
                        request.ownedTenants(), dataServices.names().size());
            }
            worker.wake();
        } else if (!startAt.isAfter(now) && reads.status(job.jobId()).orElse(null) == JobStatus.SCHEDULED) {
            // A concurrent request with a window created the job first; this one has none (or the
            // account is DELETING already, so nobody can restore it): the job starts now.
            skipWindow(job.jobId(), userId, initiator);
        }
        return reads.find(job.jobId(), clock.instant()).orElseThrow();
    }

    /** A service's {@code immediate=true} on a SCHEDULED job: it starts now, unless the person cancelled meanwhile (409). */
    private void skipWindow(UUID jobId, UUID userId, Initiator initiator) {
        // Due now, committed before the account is marked: a start that fails after the mark is completed by the next pass.
        starts.skipWindow(jobId, clock.instant());
        DeletionJobStarts.StartResult result = graceWindows.startNow(jobId, JobKind.USER, userId, initiator);
        try (var job = MDC.putCloseable("job_id", jobId.toString());
             var subject = MDC.putCloseable("user_id", userId.toString())) {
            if (result == DeletionJobStarts.StartResult.STARTED) {
                log.info("Job {} user {}: its window skipped at the request of {}; deletion starts", jobId, userId, initiator);
                worker.wake();
            } else if (result == DeletionJobStarts.StartResult.CANCELLED) {
                log.info("Job {} user {}: the account is ACTIVE again (the person cancelled their deletion); CANCELLED,"
                        + " nothing deleted", jobId, userId);
                throw cancelledMeanwhile(userId);
            }
        }
    }

    /**
     * Asking again to delete a user whose job failed means, for a service or an operator: try again.
     * The person themself is answered the job as it is (and is locked out anyway).
     */
    private void retryIfFailed(DeletionJobSummary job, Initiator initiator) {
        if (job.status() != JobStatus.FAILED || job.subjectId().equals(initiator.userId())
                || starts.retry(job.jobId(), properties.maxAttempts(), clock.instant(), initiator.actor())
                != DeletionJobStarts.RetryResult.RETRIED) {
            return;
        }
        // Of concurrent repeats one retries (the job row is locked); the others find it RUNNING and answer it.
        metrics.jobRetried(false);
        try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
             var subject = MDC.putCloseable("user_id", job.subjectId().toString())) {
            log.info("Job {} user {}: FAILED; retried on a repeated deletion request by {}; failed steps run again",
                    job.jobId(), job.subjectId(), initiator);
        }
        worker.wake();
    }

    private static ApiProblem cancelledMeanwhile(UUID userId) {
        return ApiProblem.conflict("User " + userId + " cancelled their deletion (by logging in) while it was being"
                + " started; nothing was deleted. Ask again if the deletion is still wanted.");
    }

    /** What a restore did. */
    public enum RestoreOutcome {
        /** The scheduled job is CANCELLED (or there was none) and the account ACTIVE again, with everything kept. */
        RESTORED,
        /** The erasure has started (or finished): nothing can be undone. */
        STARTED,
        /** No deletion of the user is scheduled. */
        NOT_SCHEDULED,
        /** No such user. */
        NOT_FOUND
    }

    /** A restore's outcome and the job it concerned (absent when there was none). */
    public record Restore(RestoreOutcome outcome, Optional<DeletionJobSummary> job) {
    }

    /**
     * Within the window: cancels the user's SCHEDULED job and makes the account ACTIVE again. The
     * job row is locked against the purge's start, so exactly one of the two happens. A
     * PENDING_DELETION account without a job (its job was never created, or a restore could not
     * reach the auth service after cancelling it) is made ACTIVE too.
     */
    public Restore restore(UUID userId, Initiator by) {
        Instant now = clock.instant();
        Optional<DeletionJobSummary> job = unfinishedJob(userId);
        if (job.isEmpty()) {
            Optional<UserDirectory.Account> account = users.account(userId);
            if (account.isEmpty()) {
                return new Restore(RestoreOutcome.NOT_FOUND, Optional.empty());
            }
            if (account.get().status() == UserDirectory.AccountStatus.DELETING) {
                return new Restore(RestoreOutcome.STARTED, Optional.empty());
            }
            if (account.get().status() != UserDirectory.AccountStatus.PENDING_DELETION) {
                return new Restore(RestoreOutcome.NOT_SCHEDULED, Optional.empty());
            }
            return new Restore(users.restore(userId) ? RestoreOutcome.RESTORED : RestoreOutcome.STARTED, Optional.empty());
        }
        UUID jobId = job.get().jobId();
        DeletionJobStarts.CancelResult cancel = starts.cancel(jobId, now, by.actor());
        if (cancel != DeletionJobStarts.CancelResult.CANCELLED
                && reads.status(jobId).orElse(null) != JobStatus.CANCELLED) {
            return new Restore(RestoreOutcome.STARTED, reads.find(jobId, clock.instant()));
        }
        // Cancelled by this call, or just before by the sweep (the account was ACTIVE already).
        try (var jobMdc = MDC.putCloseable("job_id", jobId.toString());
             var subject = MDC.putCloseable("user_id", userId.toString())) {
            if (!users.restore(userId)) {
                log.warn("Job {} user {}: cancelled, but the auth service refused to make the account ACTIVE"
                        + " (it is DELETING or gone)", jobId, userId);
                return new Restore(RestoreOutcome.STARTED, reads.find(jobId, clock.instant()));
            }
            log.info("Job {} user {}: cancelled within its window; the account is ACTIVE again", jobId, userId);
        }
        return new Restore(RestoreOutcome.RESTORED, reads.find(jobId, clock.instant()));
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
            List<UUID> admins = TenantSuccessors.of(tenancy, users, tenantId, request.userId());
            UUID chosen = request.newOwners().get(tenantId);
            if (chosen != null) {
                plans.add(admins.contains(chosen) ? new UserDeletionPreview.OwnedTenant(tenantId, "TRANSFER", chosen, null)
                        : new UserDeletionPreview.OwnedTenant(tenantId, "BLOCKED", null,
                        "the chosen new owner " + chosen + " is not an ADMIN of the tenant with an ACTIVE account"));
            } else if (admins.isEmpty()) {
                plans.add(new UserDeletionPreview.OwnedTenant(tenantId, "BLOCKED", null, "the tenant has no other ADMIN with an ACTIVE account"));
            } else {
                plans.add(new UserDeletionPreview.OwnedTenant(tenantId, "TRANSFER", admins.get(0), null));
            }
        }
        return plans;
    }
}
