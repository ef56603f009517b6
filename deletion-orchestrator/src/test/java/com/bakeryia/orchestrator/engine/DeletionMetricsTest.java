package com.bakeryia.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import com.bakeryia.orchestrator.job.DeletionJobReads;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The failed-job gauges over a stand-in for the job store: count, age of the oldest, 0 when none, the cache. */
class DeletionMetricsTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile DeletionJobReads.FailedJobs inStore = new DeletionJobReads.FailedJobs(0, null);

    DeletionMetricsTest() {
        new DeletionMetrics(registry, () -> {
            reads.incrementAndGet();
            return inStore;
        }, clock);
    }

    @Test
    void reportsNoneAsZeroCountAndZeroAge() {
        assertThat(gauge("bakery.deletion.jobs.failed")).isZero();
        assertThat(gauge("bakery.deletion.jobs.failed.oldest.age")).isZero();
    }

    @Test
    void reportsTheCountAndTheAgeOfTheOldestFailureAsTheClockMoves() {
        inStore = new DeletionJobReads.FailedJobs(3, START.minus(Duration.ofMinutes(10)));

        assertThat(gauge("bakery.deletion.jobs.failed")).isEqualTo(3);
        assertThat(gauge("bakery.deletion.jobs.failed.oldest.age")).isEqualTo(600);
        clock.now = START.plusSeconds(2);
        assertThat(gauge("bakery.deletion.jobs.failed.oldest.age")).as("the age is computed at each read").isEqualTo(602);
    }

    @Test
    void readsTheStoreAtMostOnceEveryFewSeconds() {
        inStore = new DeletionJobReads.FailedJobs(1, START);
        gauge("bakery.deletion.jobs.failed");
        gauge("bakery.deletion.jobs.failed.oldest.age");
        inStore = new DeletionJobReads.FailedJobs(2, START);
        clock.now = START.plus(DeletionMetrics.FAILED_JOBS_CACHE).minusMillis(1);

        assertThat(gauge("bakery.deletion.jobs.failed")).as("still the cached count").isEqualTo(1);
        assertThat(reads).hasValue(1);
        clock.now = START.plus(DeletionMetrics.FAILED_JOBS_CACHE);
        assertThat(gauge("bakery.deletion.jobs.failed")).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void reportsNaNWhenTheStoreCannotBeRead() {
        DeletionMetrics.FailedJobsGauges broken = new DeletionMetrics.FailedJobsGauges(() -> {
            throw new IllegalStateException("connection refused");
        }, clock);

        assertThat(broken.count()).isNaN();
        assertThat(broken.oldestAgeSeconds()).isNaN();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static final class MovableClock extends Clock {

        volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
