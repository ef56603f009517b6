package com.bakeryia.orchestrator;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The orchestrator's meters: {@code bakery.deletion.jobs} (tag {@code event}: started, completed,
 * failed), {@code bakery.deletion.step.duration} (tags service, phase, outcome) and
 * {@code bakery.deletion.rows.deleted} (tag service).
 */
class DeletionMetrics {

    private final MeterRegistry registry;

    DeletionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void jobStarted() {
        jobs("started").increment();
    }

    void jobCompleted() {
        jobs("completed").increment();
    }

    void jobFailed() {
        jobs("failed").increment();
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
}
