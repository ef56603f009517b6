package com.bakeryia.platform.deletion;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * How many long chunk statements the deletion engine runs at once in this process, across every
 * service's participant: every chunk of a tenant too large for one statement, and a table's chunks
 * after its first for a user (a small subject's one statement passes at once). A fair gate, first
 * come first served, so the deletions running side by side (the services of one tenant, or many
 * tenants) take turns chunk by chunk: each one moves at the same pace, whatever order its steps
 * were started in, the largest one finishes when the work of all of them is done, and the database
 * keeps room for the requests of the bakeries that stay. Unlimited with 0 permits. It counts the
 * statements that passed and how long they waited ({@link #waits}), for the meter
 * {@code bakery.deletion.chunk.gate.wait} and the benchmark.
 */
final class ChunkGate {

    /** No limit. */
    static final ChunkGate OPEN = new ChunkGate(0);

    private final Semaphore permits;
    private final LongAdder passed = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();
    private final AtomicLong longestNanos = new AtomicLong();

    ChunkGate(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("A chunk gate needs 0 (no limit) or more permits, was " + permits);
        }
        this.permits = permits == 0 ? null : new Semaphore(permits, true);
    }

    /** Runs {@code statement} once a permit is free; interrupted while waiting, it runs nothing and fails. */
    <T> T pass(Supplier<T> statement) {
        if (permits == null) {
            passed.increment();
            return statement.get();
        }
        try {
            // With a timeout (of zero) the fair order holds: a plain tryAcquire would barge ahead of those waiting.
            if (!permits.tryAcquire(0, TimeUnit.SECONDS)) {
                long started = System.nanoTime();
                permits.acquire();
                long took = System.nanoTime() - started;
                waited.increment();
                waitedNanos.add(took);
                longestNanos.accumulateAndGet(took, Math::max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run a deletion chunk", e);
        }
        passed.increment();
        try {
            return statement.get();
        } finally {
            permits.release();
        }
    }

    /** The statements that passed so far, those that had to wait for a permit, and how long they waited. */
    ChunkGateWaits waits() {
        return new ChunkGateWaits(passed.sum(), waited.sum(), Duration.ofNanos(waitedNanos.sum()),
                Duration.ofNanos(longestNanos.get()));
    }
}
