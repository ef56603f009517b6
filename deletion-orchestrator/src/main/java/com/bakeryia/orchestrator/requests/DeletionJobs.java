package com.bakeryia.orchestrator.requests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.engine.DeletionMetrics;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.engine.OrchestratorProperties;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobStats;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobPlan;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.lifecycle.GraceWindows;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.UserMemberships;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The orchestrator's API for tenant deletions: preview, schedule or start one, restore a scheduled
 * one, read jobs, retry a failed one. Starting is idempotent per tenant: while a job for the tenant
 * is unfinished (SCHEDULED, PENDING, RUNNING or FAILED), every start returns that job (a FAILED one
 * retried first).
 */
public class DeletionJobs {

    private static final Logger log = LoggerFactory.getLogger(DeletionJobs.class);

    private final DeletionJobStarts starts;
    private final DeletionJobReads reads;
    private final DeletionWorker worker;
    private final GraceWindows graceWindows;
    private final ParticipantDirectory participants;
    private final DataServices dataServices;
    private final UserMemberships tenancy;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final DeletionWindowProperties window;
    private final Clock clock;

    public DeletionJobs(DeletionJobStarts starts, DeletionJobReads reads, DeletionWorker worker,
                 GraceWindows graceWindows, ParticipantDirectory participants, DataServices dataServices,
                 UserMemberships tenancy, DeletionMetrics metrics, OrchestratorProperties properties,
                 DeletionWindowProperties window, Clock clock) {
        this.starts = starts;
        this.reads = reads;
        this.worker = worker;
        this.graceWindows = graceWindows;
        this.window = window;
        this.participants = participants;
        this.dataServices = dataServices;
        this.tenancy = tenancy;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Deletes the tenant after the configured window ({@code bakery.deletion.tenant-grace-period}),
     * or returns its unfinished job. The tenant service marks the tenant first (PENDING_DELETION, or
     * DELETING without a window), so no service accepts writes for it from then on; a tenant marked
     * but whose job could not be created stays marked, and calling again creates it. When the
     * unfinished job is FAILED it is retried first (as {@link #retry} does), so repeating a deletion
     * request is how an OWNER or ADMIN tries again; other unfinished jobs are answered as they are.
     *
     * @return the job (new, the one already under way, or the FAILED one now RUNNING again)
     */
    public DeletionJobSummary startTenantDeletion(UUID tenantId, Initiator initiator) {
        return startTenantDeletion(tenantId, initiator, window.tenantGracePeriod());
    }

    /**
     * Deletes the tenant after {@code gracePeriod}, or at once when it is zero: with a window the
     * tenant becomes PENDING_DELETION (no writes, members still read) and the job SCHEDULED; without
     * one the tenant becomes DELETING and the job starts. A SCHEDULED job asked for again without a
     * window (a service's {@code immediate=true}) starts now; a FAILED one is retried.
     */
    public DeletionJobSummary startTenantDeletion(UUID tenantId, Initiator initiator, Duration gracePeriod) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(initiator, "initiator");
        Instant now = clock.instant();
        if (gracePeriod.isZero()) {
            return startTenantDeletionNow(tenantId, initiator, now);
        }
        Optional<DeletionJobSummary> unfinished = reads.unfinished(JobKind.TENANT, tenantId, now);
        if (unfinished.filter(existing -> existing.status() == JobStatus.SCHEDULED).isPresent()) {
            return unfinished.get();
        }
        // As PostgreSQL keeps it (microseconds), so the tenant and the job name the same instant.
        Instant startAt = now.plus(gracePeriod).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        boolean markedNow = false;
        if (unfinished.isEmpty()) {
            if (tenancy.scheduleTenantDeletion(tenantId, startAt)) {
                markedNow = true;
            } else {
                // DELETING already (a deletion without a window whose job is under way, or an earlier
                // one whose job was never created): nobody can act on the tenant or restore it, so its
                // job starts now; the tenant is marked already.
                startAt = now;
            }
        }
        // With an unfinished job under way the tenant is DELETING already; the start below finds that job.
        DeletionJobStarts.StartedJob job;
        try {
            job = starts.startOrFind(JobKind.TENANT, tenantId, initiator, dataServices.names(), List.of(),
                    properties.maxAttempts(), now, startAt);
        } catch (RuntimeException e) {
            if (markedNow) {
                undoSchedule(tenantId, e);
            }
            throw e;
        }
        if (job.created()) {
            jobCreated(job, tenantId, initiator, startAt.isAfter(now) ? "at " + startAt : "now");
        } else {
            retryIfFailed(job.jobId(), tenantId, initiator);
        }
        return find(job.jobId()).orElseThrow();
    }

    /**
     * Without a window: the job first (SCHEDULED, due now), then the tenant marked DELETING and the
     * job started with its row locked ({@link GraceWindows#startNow}), so the tenant is never
     * DELETING without a job that deletes it. Whatever this finds is made to start: a job another
     * request SCHEDULED with a window (the windowed DELETE racing this one) has its window skipped
     * ({@link DeletionJobStarts#skipWindow}, committed before the mark); a FAILED one is retried; a
     * PENDING or RUNNING one is answered. When the mark or the start fails after the job
     * committed, the job is due and the next pass of the grace windows completes them; a restore
     * before that still cancels it.
     */
    private DeletionJobSummary startTenantDeletionNow(UUID tenantId, Initiator initiator, Instant now) {
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        DeletionJobStarts.StartedJob job = starts.createScheduledOrFind(JobKind.TENANT, tenantId, initiator,
                dataServices.names(), List.of(), properties.maxAttempts(), at, at);
        if (job.created()) {
            jobCreated(job, tenantId, initiator, "now");
        }
        JobStatus status = reads.status(job.jobId()).orElse(null);
        if (status == JobStatus.SCHEDULED) {
            starts.skipWindow(job.jobId(), at);
            if (graceWindows.startNow(job.jobId(), JobKind.TENANT, tenantId, initiator)
                    == DeletionJobStarts.StartResult.STARTED) {
                try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                     var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
                    log.info("Job {} tenant {}: {} by {}; deletion starts", job.jobId(), tenantId,
                            job.created() ? "asked for without a window" : "its window skipped", initiator);
                }
                worker.wake();
            }
            if (reads.status(job.jobId()).orElse(null) == JobStatus.SCHEDULED) {
                awaitStartElsewhere(job.jobId());
            }
        } else if (status == JobStatus.FAILED) {
            retryIfFailed(job.jobId(), tenantId, initiator);
        }
        return find(job.jobId()).orElseThrow();
    }

    /**
     * Another process (a replica's pass, the job being due) holds the start this request wanted:
     * it is recorded within a call's time, so the request waits for it, at most
     * {@code call-timeout}, and answers the job as it then is.
     */
    private void awaitStartElsewhere(UUID jobId) {
        long deadline = System.nanoTime() + properties.callTimeout().toNanos();
        try {
            while (System.nanoTime() < deadline && reads.status(jobId).orElse(null) == JobStatus.SCHEDULED) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void jobCreated(DeletionJobStarts.StartedJob job, UUID tenantId, Initiator initiator, String starting) {
        metrics.jobStarted();
        try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
             var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
            log.info("Job {} tenant {}: deletion asked for by {} in {} data services, starting {}", job.jobId(),
                    tenantId, initiator, dataServices.names().size(), starting);
        }
        worker.wake();
    }

    /**
     * Asking again to delete a tenant whose job failed means: try again. Of concurrent repeats one
     * retries (the job row is locked), the others find the job RUNNING and answer it.
     */
    private void retryIfFailed(UUID jobId, UUID tenantId, Initiator initiator) {
        if (reads.status(jobId).orElse(null) == JobStatus.FAILED
                && starts.retry(jobId, properties.maxAttempts(), clock.instant(), initiator.actor())
                == DeletionJobStarts.RetryResult.RETRIED) {
            metrics.jobRetried(false);
            try (var job = MDC.putCloseable("job_id", jobId.toString());
                 var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
                log.info("Job {} tenant {}: FAILED; retried on a repeated deletion request by {}; failed steps run again",
                        jobId, tenantId, initiator);
            }
            worker.wake();
        }
    }

    /**
     * This request marked the tenant PENDING_DELETION but its job could not be created: the mark is
     * undone (the tenant ACTIVE again), so the tenant is not left refusing writes with no job to
     * delete it or restore to cancel; unless another request's job exists meanwhile, which the mark
     * belongs to now. The caller gets the failure and may repeat the request.
     */
    private void undoSchedule(UUID tenantId, RuntimeException failure) {
        try {
            if (reads.unfinished(JobKind.TENANT, tenantId, clock.instant()).isEmpty()) {
                tenancy.restoreTenant(tenantId);
                log.warn("Tenant {}: its deletion job could not be created ({}); the tenant is ACTIVE again",
                        tenantId, failure.getMessage());
            }
        } catch (RuntimeException e) {
            // The job store or the tenant service is down too: the tenant stays PENDING_DELETION
            // without a job until a repeated request creates it, or a restore (which restores a
            // PENDING_DELETION tenant without a job) makes it ACTIVE.
            failure.addSuppressed(e);
        }
    }

    public Optional<DeletionJobSummary> find(UUID jobId) {
        return reads.find(jobId, clock.instant());
    }

    /** Jobs newest first, at most {@code limit}, without their per-step results; either filter may be null. */
    public List<DeletionJobSummary> list(UUID subjectId, JobStatus status, int limit) {
        return reads.list(subjectId, status, limit, clock.instant());
    }

    /** One page of the jobs matching {@code filter}, newest first, without their per-step results. */
    public List<DeletionJobSummary> list(DeletionJobReads.JobFilter filter, int limit, int offset) {
        return reads.list(filter, limit, offset, clock.instant());
    }

    /** The job store's figures now, by the injected clock. */
    public DeletionJobStats stats() {
        return reads.stats(clock.instant());
    }

    /** What a restore did. */
    public enum RestoreOutcome {
        /** The scheduled job is CANCELLED and the tenant ACTIVE again, with every row. */
        RESTORED,
        /** The job has started deleting (or finished): nothing can be undone. */
        STARTED,
        /** No deletion of the tenant is scheduled. */
        NOT_SCHEDULED
    }

    /** A restore's outcome and the job it concerned (absent when there was none). */
    public record Restore(RestoreOutcome outcome, Optional<DeletionJobSummary> job) {
    }

    /**
     * Within the window: cancels the tenant's SCHEDULED job and makes the tenant ACTIVE again. The
     * job row is locked against the purge's start, so exactly one of the two happens. A tenant left
     * PENDING_DELETION by a restore that could not reach the tenant service is made ACTIVE by the
     * next restore.
     *
     * @param tenantPendingDeletion whether the tenant service reports the tenant PENDING_DELETION
     */
    public Restore restoreTenant(UUID tenantId, boolean tenantPendingDeletion, Initiator by) {
        Instant now = clock.instant();
        Optional<DeletionJobSummary> job = reads.unfinished(JobKind.TENANT, tenantId, now);
        if (job.isEmpty()) {
            if (tenantPendingDeletion) {
                tenancy.restoreTenant(tenantId);
                return new Restore(RestoreOutcome.RESTORED, Optional.empty());
            }
            return new Restore(RestoreOutcome.NOT_SCHEDULED, Optional.empty());
        }
        if (starts.cancel(job.get().jobId(), now, by.actor()) != DeletionJobStarts.CancelResult.CANCELLED) {
            return new Restore(RestoreOutcome.STARTED, find(job.get().jobId()));
        }
        tenancy.restoreTenant(tenantId);
        try (var jobId = MDC.putCloseable("job_id", job.get().jobId().toString());
             var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
            log.info("Job {} tenant {}: cancelled within its window; the tenant is ACTIVE again", job.get().jobId(), tenantId);
        }
        return new Restore(RestoreOutcome.RESTORED, find(job.get().jobId()));
    }

    /** What a retry did. */
    public enum RetryOutcome {
        /** The failed steps run again. */
        RETRIED,
        /** No such job. */
        NOT_FOUND,
        /** Only a FAILED job can be retried; this one is pending, running or completed. */
        NOT_FAILED
    }

    /** Re-runs only the steps of a FAILED job that did not succeed, each with a fresh set of attempts. */
    public RetryOutcome retry(UUID jobId, Initiator by) {
        DeletionJobStarts.RetryResult result = starts.retry(jobId, properties.maxAttempts(), clock.instant(), by.actor());
        if (result == DeletionJobStarts.RetryResult.RETRIED) {
            metrics.jobRetried(false);
            UUID subject = find(jobId).map(DeletionJobSummary::subjectId).orElse(null);
            try (var job = MDC.putCloseable("job_id", jobId.toString())) {
                log.info("Job {} subject {}: retry requested; failed steps run again", jobId, subject);
            }
            worker.wake();
        }
        return RetryOutcome.valueOf(result.name());
    }

    /**
     * Asks every data service and the tenant service (for its own records), in parallel and each
     * under the call timeout, what deleting the tenant would remove; answered with the tenant's name
     * and status as the tenant service gave them in {@code tenant}. Changes nothing. A participant
     * that does not answer is listed as unavailable instead of failing the whole preview.
     */
    public TenantDeletionPreview previewTenantDeletion(TenantAccess tenant) {
        List<String> services = new ArrayList<>(dataServices.names());
        services.add(JobPlan.TENANT_SERVICE);
        ParticipantPreviews.Collected collected = new ParticipantPreviews(participants, properties)
                .collect(services, DeletionSubject.tenant(tenant.tenantId()));
        return new TenantDeletionPreview(tenant.tenantId(), tenant.tenantName(), tenant.status(), collected.totalItems(),
                collected.answered(), collected.unavailable());
    }
}
