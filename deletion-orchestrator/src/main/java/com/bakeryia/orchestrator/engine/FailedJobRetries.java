package com.bakeryia.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Retries FAILED jobs by themselves, slowly: a job FAILED for at least
 * {@code failed-job-retry-interval} (from its {@code completed_at}, by the injected clock) is put
 * back to work exactly as a retry request would ({@link DeletionJobStarts#retry}: failed steps
 * PENDING again with a fresh set of attempts). A job that keeps failing is retried once per
 * interval, and an operator still sees it FAILED (and the gauges count it) in between.
 *
 * <p>Derived from the job rows alone, so a restart loses nothing, and safe with several replicas:
 * every worker runs a pass every poll interval, and each retry locks the job row and requires it
 * still FAILED since before the bound, so one failure is retried once whoever sees it.
 */
public class FailedJobRetries {

    private static final Logger log = LoggerFactory.getLogger(FailedJobRetries.class);

    /** The audit trail's actor of an automatic retry. */
    static final String AUTOMATIC = "system:automatic-retry";

    /** Jobs retried per pass at most; any more are retried by the next pass. */
    static final int PASS_LIMIT = 100;

    private final DeletionJobStarts starts;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final Clock clock;

    public FailedJobRetries(DeletionJobStarts starts, DeletionMetrics metrics, OrchestratorProperties properties, Clock clock) {
        this.starts = starts;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass: retries every job FAILED for at least the interval; returns the ids this pass retried. */
    List<UUID> retryDue() {
        Instant now = clock.instant();
        Duration interval = properties.failedJobRetryInterval();
        Instant failedBefore = now.minus(interval);
        List<UUID> retried = new ArrayList<>();
        for (DeletionJobStarts.FailedJob job : starts.failedAtOrBefore(failedBefore, PASS_LIMIT)) {
            try {
                if (starts.retry(job.jobId(), properties.maxAttempts(), now, failedBefore, AUTOMATIC)
                        != DeletionJobStarts.RetryResult.RETRIED) {
                    continue; // another replica retries it, or it is no longer (or not long enough) FAILED
                }
            } catch (RuntimeException e) {
                // Each job on its own: one that cannot be retried now does not hold back the others.
                log.warn("Job {} subject {}: FAILED since {}, but could not be retried automatically now ({}); the next"
                        + " pass tries again", job.jobId(), job.subjectId(), job.failedAt(), e.getMessage());
                continue;
            }
            retried.add(job.jobId());
            metrics.jobRetried(true);
            String subjectKey = job.kind() == JobKind.TENANT ? "tenant_id" : "user_id";
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var subject = MDC.putCloseable(subjectKey, job.subjectId().toString())) {
                log.warn("Job {} subject {}: FAILED since {} (at least {}); retried automatically, its failed steps run again"
                        + " with {} more attempts", job.jobId(), job.subjectId(), job.failedAt(), interval,
                        properties.maxAttempts());
            }
        }
        return retried;
    }
}
