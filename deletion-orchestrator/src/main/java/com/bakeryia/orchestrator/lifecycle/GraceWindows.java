package com.bakeryia.orchestrator.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.tenancy.UserMemberships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts SCHEDULED jobs whose grace window has ended, with the job row locked, so a restore racing
 * the purge either wins first or finds the deletion started: a tenant is marked DELETING, then the
 * job is PENDING and workers claim its steps; a user job starts only when the auth service marks
 * the account DELETING, and is CANCELLED instead when the account is ACTIVE again (the person
 * cancelled by logging in with {@code cancel_deletion}; the auth service cannot tell the
 * orchestrator, so the orchestrator asks). Derived from the job rows alone: a restart, or a
 * process that was down at the deadline, starts the job at its first poll after coming back.
 *
 * <p>A cancellation by login would otherwise show only at the deadline, so each pass also sweeps
 * SCHEDULED user jobs and cancels those whose account is ACTIVE again: at most
 * {@link #RECONCILE_LIMIT} accounts per sweep and a sweep at most every {@link #RECONCILE_INTERVAL}
 * (by the injected clock), so a remote auth service is asked a bounded number of questions however
 * often the worker polls. The sweep goes on where the last one stopped (kept in memory only; a
 * restart begins again at the first job), so every scheduled user job is looked at in turn.
 */
public class GraceWindows {

    private static final Logger log = LoggerFactory.getLogger(GraceWindows.class);

    /** Jobs started per pass at most; any more are started by the next pass. */
    static final int PASS_LIMIT = 100;

    /** How often SCHEDULED user jobs are checked for a cancellation by login at most. */
    static final Duration RECONCILE_INTERVAL = Duration.ofMinutes(1);

    /** Accounts asked about per sweep at most. */
    static final int RECONCILE_LIMIT = 50;

    private final DeletionJobStarts starts;
    private final UserMemberships tenancy;
    private final UserDirectory users;
    private final Clock clock;
    /** How long a claimed start stays this process's before another may take it over (its process died mid-call). */
    static final Duration START_LEASE = Duration.ofMinutes(1);

    private final Object sweep = new Object();
    /** This process's name in the start claims it holds. */
    private final String owner = java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private Instant lastSweep;
    private DeletionJobStarts.ScheduledPosition sweptUpTo;

    public GraceWindows(DeletionJobStarts starts, UserMemberships tenancy, UserDirectory users, Clock clock) {
        this.starts = starts;
        this.tenancy = tenancy;
        this.users = users;
        this.clock = clock;
    }

    /**
     * One pass: cancels the user jobs of people who cancelled by logging in (when a sweep is due),
     * then starts every SCHEDULED job that is due (or cancels a due user job whose person
     * cancelled); returns how many this pass started.
     */
    public int startDue() {
        reconcileIfDue();
        return startOrCancelDue();
    }

    /** The second half of a pass: starts (or, a user job whose person cancelled, cancels) every due SCHEDULED job; how many it started. */
    int startOrCancelDue() {
        Instant now = clock.instant();
        int started = 0;
        for (DeletionJobStarts.ScheduledJob job : starts.dueScheduled(now, PASS_LIMIT)) {
            DeletionJobStarts.StartResult result;
            try {
                result = start(job.jobId(), job.kind(), job.subjectId(), false, DeletionJobStarts.WINDOW_ENDED);
            } catch (RuntimeException e) {
                // Each job on its own: one whose service does not answer waits for the next pass, the others start.
                log.warn("Job {} subject {}: its grace window ended, but its start could not be completed ({}); the next"
                        + " pass tries again", job.jobId(), job.subjectId(), e.getMessage());
                continue;
            }
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString())) {
                if (result == DeletionJobStarts.StartResult.STARTED) {
                    started++;
                    log.info("Job {} subject {}: its grace window ended; deletion starts", job.jobId(), job.subjectId());
                } else if (result == DeletionJobStarts.StartResult.CANCELLED) {
                    log.info("Job {} user {}: its grace window ended, but the account is ACTIVE again (the person"
                            + " cancelled their deletion); CANCELLED, nothing deleted", job.jobId(), job.subjectId());
                }
            }
        }
        return started;
    }

    /**
     * Starts a SCHEDULED job now, whatever its deadline (a service asked to skip the window); a user
     * job whose person cancelled meanwhile is CANCELLED instead.
     */
    public DeletionJobStarts.StartResult startNow(UUID jobId, JobKind kind, UUID subjectId, Initiator by) {
        return start(jobId, kind, subjectId, true, by.actor());
    }

    /**
     * Decide, commit, call, record: claims the job's start ({@link DeletionJobStarts#claimStart},
     * committed), then marks the subject in its service with no transaction open (the tenant
     * DELETING, or the account, which the auth service refuses when the person cancelled), then
     * records the answer ({@link DeletionJobStarts#recordStart}). A call that fails leaves the start
     * claimed and due again at once ({@link DeletionJobStarts#startFailed}): the deletion stays
     * decided, and the next pass asks again.
     */
    private DeletionJobStarts.StartResult start(UUID jobId, JobKind kind, UUID subjectId, boolean skipWindow, String actor) {
        if (!starts.claimStart(jobId, clock.instant(), skipWindow, owner, START_LEASE)) {
            return DeletionJobStarts.StartResult.NOT_SCHEDULED;
        }
        boolean mayStart;
        try {
            if (kind == JobKind.TENANT) {
                tenancy.markTenantDeleting(subjectId);
                mayStart = true;
            } else {
                mayStart = users.markDeleting(subjectId);
            }
        } catch (RuntimeException e) {
            try {
                starts.startFailed(jobId, owner, clock.instant());
            } catch (RuntimeException store) {
                e.addSuppressed(store); // the claim then expires by itself
            }
            throw e;
        }
        return starts.recordStart(jobId, owner, clock.instant(), actor, skipWindow, mayStart);
    }

    /** Sweeps, when {@link #RECONCILE_INTERVAL} has passed since the last sweep; returns how many jobs it cancelled. */
    int reconcileIfDue() {
        synchronized (sweep) {
            Instant now = clock.instant();
            if (lastSweep != null && now.isBefore(lastSweep.plus(RECONCILE_INTERVAL))) {
                return 0;
            }
            lastSweep = now;
            return reconcile(now);
        }
    }

    /**
     * One sweep of up to {@link #RECONCILE_LIMIT} SCHEDULED user jobs, from where the last stopped:
     * each whose account is ACTIVE or DISABLED (what {@link UserDirectory#markDeleting} would refuse)
     * is CANCELLED, decided with the job row locked. An auth service that does not answer ends the
     * sweep; the next one begins there again.
     */
    private int reconcile(Instant now) {
        // Called with the sweep lock held (reconcileIfDue), which guards sweptUpTo.
        List<DeletionJobStarts.ScheduledJob> page = starts.scheduledAfter(JobKind.USER, sweptUpTo, RECONCILE_LIMIT);
        int cancelled = 0;
        for (DeletionJobStarts.ScheduledJob job : page) {
            try {
                if (cancelIfWithdrawn(job, now)) {
                    cancelled++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not check whether the deletion of user {} (job {}) was cancelled: {}", job.subjectId(),
                        job.jobId(), e.getMessage());
                return cancelled;
            }
            sweptUpTo = new DeletionJobStarts.ScheduledPosition(job.scheduledFor(), job.jobId());
        }
        if (page.size() < RECONCILE_LIMIT) {
            sweptUpTo = null;
        }
        return cancelled;
    }

    /** Cancels a SCHEDULED user job whose account is ACTIVE (or DISABLED) again; whether it did. */
    public boolean cancelIfWithdrawn(DeletionJobStarts.ScheduledJob job, Instant now) {
        // Asked before the job row is locked: no transaction waits for the auth service.
        if (!withdrawn(job.subjectId())) {
            return false;
        }
        boolean cancelled = starts.cancelIf(job.jobId(), now, "user:" + job.subjectId(), DeletionAudit.Action.CANCELLED,
                () -> true) == DeletionJobStarts.CancelResult.CANCELLED;
        if (cancelled) {
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString())) {
                log.info("Job {} user {}: the account is ACTIVE again within the window (the person cancelled their"
                        + " deletion); CANCELLED, nothing deleted", job.jobId(), job.subjectId());
            }
        }
        return cancelled;
    }

    /** Whether the person's deletion was cancelled: the account exists and is neither PENDING_DELETION nor DELETING. */
    private boolean withdrawn(UUID userId) {
        return users.account(userId).map(account -> account.status() == UserDirectory.AccountStatus.ACTIVE
                || account.status() == UserDirectory.AccountStatus.DISABLED).orElse(false);
    }
}
