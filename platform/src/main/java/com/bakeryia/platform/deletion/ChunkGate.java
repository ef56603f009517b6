package com.bakeryia.platform.deletion;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many long chunk statements the deletion engine runs at once in this process, across every
 * service's participant: every chunk of a tenant too large for one statement, and a table's chunks
 * after its first for a user (a small subject's one statement passes at once). A fair gate, first
 * come first served, so the deletions running side by side (the services of one tenant, or many
 * tenants) take turns chunk by chunk: each one moves at the same pace, whatever order its steps
 * were started in, the largest one finishes when the work of all of them is done, and the database
 * keeps room for the requests of the bakeries that stay. Unlimited with 0 permits.
 */
final class ChunkGate {

    /** No limit. */
    static final ChunkGate OPEN = new ChunkGate(0);

    private final Semaphore permits;

    ChunkGate(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("A chunk gate needs 0 (no limit) or more permits, was " + permits);
        }
        this.permits = permits == 0 ? null : new Semaphore(permits, true);
    }

    /** Runs {@code statement} once a permit is free; interrupted while waiting, it runs nothing and fails. */
    <T> T pass(Supplier<T> statement) {
        if (permits == null) {
            return statement.get();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run a deletion chunk", e);
        }
        try {
            return statement.get();
        } finally {
            permits.release();
        }
    }
}
