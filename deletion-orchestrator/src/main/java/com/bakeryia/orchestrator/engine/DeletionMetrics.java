package com.bakeryia.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.StepPhase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's meters: {@code bakery.deletion.jobs} (tag {@code event}: started, completed,
 * failed, retried on request, auto_retried by {@link FailedJobRetries}),
 * {@code bakery.deletion.step.duration} (tags service, phase, outcome),
 * {@code bakery.deletion.rows.deleted} (tag service), and two gauges read from the job store so an
 * alert can fire on jobs that stay FAILED: {@code bakery.deletion.jobs.failed} (FAILED jobs now)
 * and {@code bakery.deletion.jobs.failed.oldest.age} (seconds since the longest-FAILED job failed;
 * 0 when none). The gauges' query result is kept for {@link #FAILED_JOBS_CACHE} (by the injected
 * clock) so scrapes do not hammer the database; the age is computed at each read.
 */
public class DeletionMetrics {

    private static final Logger log = LoggerFactory.getLogger(DeletionMetrics.class);

    /** How long the gauges reuse one count of FAILED jobs. */
    static final Duration FAILED_JOBS_CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final FailedJobsGauges failedJobs;

    public DeletionMetrics(MeterRegistry registry, Supplier<DeletionJobReads.FailedJobs> failedJobs, Clock clock) {
        this.registry = registry;
        // Held here: a gauge references its state object weakly, and this bean lives as long as the context.
        this.failedJobs = new FailedJobsGauges(failedJobs, clock);
        Gauge.builder("bakery.deletion.jobs.failed", this.failedJobs, FailedJobsGauges::count)
                .description("Deletion jobs that are FAILED now (retried automatically after the retry interval)")
                .register(registry);
        Gauge.builder("bakery.deletion.jobs.failed.oldest.age", this.failedJobs, FailedJobsGauges::oldestAgeSeconds)
                .description("Seconds since the deletion job that has been FAILED longest failed; 0 when none")
                .baseUnit("seconds").register(registry);
    }

    public void jobStarted() {
        jobs("started").increment();
    }

    void jobCompleted() {
        jobs("completed").increment();
    }

    void jobFailed() {
        jobs("failed").increment();
    }

    /** A FAILED job was put back to work: by {@link FailedJobRetries} ({@code automatic}), or on request. */
    public void jobRetried(boolean automatic) {
        jobs(automatic ? "auto_retried" : "retried").increment();
    }

    void stepFinished(String service, StepPhase phase, String outcome, Duration duration, long rowsDeleted) {
        Timer.builder("bakery.deletion.step.duration").description("Duration of one attempt of a deletion step")
                .tag("service", service).tag("phase", phase.name().toLowerCase()).tag("outcome", outcome.toLowerCase())
                .register(registry).record(duration);
        if (rowsDeleted > 0) {
            Counter.builder("bakery.deletion.rows.deleted").description("Rows deleted by deletion jobs")
                    .tag("service", service).register(registry).increment(rowsDeleted);
        }
    }

    private Counter jobs(String event) {
        return Counter.builder("bakery.deletion.jobs").description("Deletion jobs by event")
                .tag("event", event).register(registry);
    }

    /**
     * The state behind both gauges: the last count of FAILED jobs and when it was read. A read
     * older than the cache time, or from the future (the clock was set back), is taken again. When
     * the job store cannot be read the gauges report NaN rather than a stale value.
     */
    static final class FailedJobsGauges {

        private final Supplier<DeletionJobReads.FailedJobs> source;
        private final Clock clock;
        private DeletionJobReads.FailedJobs last;
        private Instant readAt;

        FailedJobsGauges(Supplier<DeletionJobReads.FailedJobs> source, Clock clock) {
            this.source = source;
            this.clock = clock;
        }

        double count() {
            DeletionJobReads.FailedJobs current = current(clock.instant());
            return current == null ? Double.NaN : current.count();
        }

        double oldestAgeSeconds() {
            Instant now = clock.instant();
            DeletionJobReads.FailedJobs current = current(now);
            if (current == null) {
                return Double.NaN;
            }
            if (current.oldestFailedAt() == null) {
                return 0;
            }
            return Math.max(0, Duration.between(current.oldestFailedAt(), now).toMillis() / 1000.0);
        }

        private synchronized DeletionJobReads.FailedJobs current(Instant now) {
            if (readAt == null || now.isBefore(readAt) || !now.isBefore(readAt.plus(FAILED_JOBS_CACHE))) {
                try {
                    last = source.get();
                } catch (RuntimeException e) {
                    log.warn("The failed-job gauges could not read the job store: {}", e.getMessage());
                    last = null;
                }
                readAt = now;
            }
            return last;
        }
    }
}
