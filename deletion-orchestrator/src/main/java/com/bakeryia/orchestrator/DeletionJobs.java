package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.tenancy.UserMemberships;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The orchestrator's API for tenant deletions: preview and start one, read jobs, retry a failed
 * one. Starting is idempotent per tenant: while a job for the tenant is unfinished (PENDING,
 * RUNNING or FAILED), every start returns that job (a FAILED one retried first).
 */
public class DeletionJobs {

    private static final Logger log = LoggerFactory.getLogger(DeletionJobs.class);

    private final DeletionJobStarts starts;
    private final DeletionJobReads reads;
    private final DeletionWorker worker;
    private final ParticipantDirectory participants;
    private final DataServices dataServices;
    private final UserMemberships tenancy;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final Clock clock;

    DeletionJobs(DeletionJobStarts starts, DeletionJobReads reads, DeletionWorker worker,
                 ParticipantDirectory participants, DataServices dataServices, UserMemberships tenancy,
                 DeletionMetrics metrics, OrchestratorProperties properties, Clock clock) {
        this.starts = starts;
        this.reads = reads;
        this.worker = worker;
        this.participants = participants;
        this.dataServices = dataServices;
        this.tenancy = tenancy;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Has the tenant service mark the tenant DELETING (from then on no service accepts writes for
     * it), then starts deleting its data in every data service, or returns its unfinished job. A
     * tenant that was marked but whose job could not be started stays marked; calling again starts it.
     * When the unfinished job is FAILED it is retried first (as {@link #retry} does), so repeating a
     * deletion request is how an OWNER or ADMIN tries again; a PENDING or RUNNING job is answered as is.
     *
     * @return the job (new, the one already under way, or the FAILED one now RUNNING again)
     */
    public DeletionJobSummary startTenantDeletion(UUID tenantId, Initiator initiator) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(initiator, "initiator");
        tenancy.markTenantDeleting(tenantId);
        DeletionJobStarts.StartedJob job = starts.startOrFind(JobKind.TENANT, tenantId, initiator, dataServices.names(),
                List.of(), properties.maxAttempts(), clock.instant());
        if (job.created()) {
            metrics.jobStarted();
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
                log.info("Job {} tenant {}: deletion started by {} in {} data services", job.jobId(), tenantId,
                        initiator, dataServices.names().size());
            }
            worker.wake();
        } else if (reads.status(job.jobId()).orElse(null) == JobStatus.FAILED
                && starts.retry(job.jobId(), properties.maxAttempts(), clock.instant()) == DeletionJobStarts.RetryResult.RETRIED) {
            // Asking again to delete a tenant whose job failed means: try again. Of concurrent repeats
            // one retries (the job row is locked), the others find the job RUNNING and answer it.
            metrics.jobRetried(false);
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
                log.info("Job {} tenant {}: FAILED; retried on a repeated deletion request by {}; failed steps run again",
                        job.jobId(), tenantId, initiator);
            }
            worker.wake();
        }
        return find(job.jobId()).orElseThrow();
    }

    public Optional<DeletionJobSummary> find(UUID jobId) {
        return reads.find(jobId, clock.instant());
    }

    /** Jobs newest first, at most {@code limit}; either filter may be null. */
    public List<DeletionJobSummary> list(UUID subjectId, JobStatus status, int limit) {
        return reads.list(subjectId, status, limit, clock.instant());
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
    public RetryOutcome retry(UUID jobId) {
        DeletionJobStarts.RetryResult result = starts.retry(jobId, properties.maxAttempts(), clock.instant());
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
     * under the call timeout, what deleting the tenant would remove. Changes nothing. A participant
     * that does not answer is listed as unavailable instead of failing the whole preview.
     */
    public TenantDeletionPreview previewTenantDeletion(UUID tenantId) {
        List<String> services = new ArrayList<>(dataServices.names());
        services.add(JobPlan.TENANT_SERVICE);
        ParticipantPreviews.Collected collected = new ParticipantPreviews(participants, properties)
                .collect(services, DeletionSubject.tenant(tenantId));
        return new TenantDeletionPreview(tenantId, collected.totalItems(), collected.answered(), collected.unavailable());
    }
}
