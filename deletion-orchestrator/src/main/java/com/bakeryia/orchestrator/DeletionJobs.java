package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.deletion.DeletionSubject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The orchestrator's API for the code that hosts it (the tenant endpoints): preview and start a
 * tenant deletion, read jobs, retry a failed one. Starting is idempotent per tenant: while a job for the
 * tenant is unfinished (PENDING, RUNNING or FAILED), every start returns that job.
 */
public class DeletionJobs {

    private static final Logger log = LoggerFactory.getLogger(DeletionJobs.class);

    private final DeletionJobStore store;
    private final DeletionWorker worker;
    private final ParticipantDirectory participants;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final Clock clock;
    private final boolean previewTenantRecord;

    /**
     * @param previewTenantRecord whether previews also ask the tenant service's participant (true
     *                            when the final step goes through it, so previews and job totals agree)
     */
    DeletionJobs(DeletionJobStore store, DeletionWorker worker, ParticipantDirectory participants,
                 DeletionMetrics metrics, OrchestratorProperties properties, Clock clock, boolean previewTenantRecord) {
        this.store = store;
        this.worker = worker;
        this.participants = participants;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.previewTenantRecord = previewTenantRecord;
    }

    /**
     * Starts deleting the tenant's data in every participant, or returns its unfinished job.
     *
     * @param tenantId    the tenant
     * @param initiatedBy who asked: a user id (a UUID) or a service client id; stored as an id only
     * @return the job (new, or the one already under way)
     */
    public DeletionJobSummary startTenantDeletion(UUID tenantId, String initiatedBy) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (initiatedBy == null || initiatedBy.isBlank()) {
            throw new IllegalArgumentException("A deletion job needs the id of who asked for it");
        }
        UUID user = asUserId(initiatedBy);
        DeletionJobStore.StartedJob job = store.startOrFind(JobKind.TENANT, tenantId, user,
                user == null ? initiatedBy : null, properties.participants(), properties.maxAttempts(), clock.instant());
        if (job.created()) {
            metrics.jobStarted();
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var tenant = MDC.putCloseable("tenant_id", tenantId.toString())) {
                log.info("Job {} tenant {}: deletion started with {} participants", job.jobId(), tenantId,
                        properties.participants().size());
            }
            worker.wake();
        }
        return find(job.jobId()).orElseThrow();
    }

    public Optional<DeletionJobSummary> find(UUID jobId) {
        return store.find(jobId, clock.instant());
    }

    /** Jobs newest first, at most {@code limit}; either filter may be null. */
    public List<DeletionJobSummary> list(UUID tenantId, JobStatus status, int limit) {
        return store.list(tenantId, status, limit, clock.instant());
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
        DeletionJobStore.RetryResult result = store.retry(jobId, properties.maxAttempts(), clock.instant());
        if (result == DeletionJobStore.RetryResult.RETRIED) {
            UUID subject = find(jobId).map(DeletionJobSummary::subjectId).orElse(null);
            try (var job = MDC.putCloseable("job_id", jobId.toString());
                 var tenant = MDC.putCloseable("tenant_id", String.valueOf(subject))) {
                log.info("Job {} tenant {}: retry requested; failed steps run again", jobId, subject);
            }
            worker.wake();
        }
        return RetryOutcome.valueOf(result.name());
    }

    /**
     * Asks every participant (and the tenant service for its own records, when the final step goes
     * through its participant), in parallel and each under the call timeout, what deleting the
     * tenant would remove. Changes nothing. A participant that does not answer is listed as
     * unavailable instead of failing the whole preview.
     */
    public TenantDeletionPreview previewTenantDeletion(UUID tenantId) {
        DeletionSubject subject = DeletionSubject.tenant(tenantId);
        List<String> services = new ArrayList<>(properties.participants());
        if (previewTenantRecord && !services.contains(TenantParticipantRecordRemoval.TENANT_SERVICE)) {
            services.add(TenantParticipantRecordRemoval.TENANT_SERVICE);
        }
        ParticipantPreviews.Collected collected = new ParticipantPreviews(participants, properties).collect(services, subject);
        return new TenantDeletionPreview(tenantId, collected.totalItems(), collected.answered(), collected.unavailable());
    }

    private static UUID asUserId(String initiatedBy) {
        try {
            return UUID.fromString(initiatedBy);
        } catch (IllegalArgumentException notAUser) {
            return null;
        }
    }
}
