package com.bakeryia.orchestrator.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RetentionPurges#purge} every interval on a daemon thread, in every replica: what has
 * expired is deleted by whichever pass reaches it first, and nothing is lost when a replica stops
 * (the next pass of any replica finds what is left). A failed pass is logged and the next one runs
 * as planned. A zero interval runs no passes.
 */
public final class RetentionPurgeSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurgeSchedule.class);

    private final ScheduledExecutorService executor;

    private RetentionPurgeSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Schedules the passes; the first runs one interval from now. */
    public static RetentionPurgeSchedule start(RetentionPurges purges, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return new RetentionPurgeSchedule(null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention-purge");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                purges.purge().ifPresent(purge -> log.info("Retention purge {} deleted expired kept records: {}",
                        purge.id(), purge.purged()));
            } catch (RuntimeException e) {
                log.warn("Retention purge pass failed; the next pass runs in {}", interval, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new RetentionPurgeSchedule(executor);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
