package com.bakeryia.orchestrator.engine;

import java.util.Map;

/**
 * What one attempt of a step came to: the one outcome type from the participant call to the
 * attempt record.
 *
 * @param result     succeeded, failed, timed out, abandoned (its worker stopped), or waiting for something else
 *                   (not an attempt)
 * @param retryable  for a failure: whether another attempt may help
 * @param counts     per-table counts of a success: {@code deleted}, {@code anonymised}, ...; {@code retention}
 *                   holds per table what the law keeps (rows, basis, country, retain_until), not a number
 * @param deleted    rows deleted
 * @param anonymised rows anonymised
 * @param error      what went wrong, or what the step waits for
 */
record AttemptOutcome(Result result, boolean retryable, Map<String, ? extends Map<String, ?>> counts, long deleted,
                      long anonymised, String error) {

    /**
     * How an attempt ended. ABANDONED: its worker stopped while running it (the process died: out
     * of memory, killed by a liveness probe, ...), found when its lease expired without an outcome.
     */
    enum Result { SUCCEEDED, FAILED, TIMED_OUT, ABANDONED, WAITING }

    AttemptOutcome {
        counts = Map.copyOf(counts);
    }

    static AttemptOutcome succeeded(Map<String, ? extends Map<String, ?>> counts, long deleted, long anonymised) {
        return new AttemptOutcome(Result.SUCCEEDED, false, counts, deleted, anonymised, null);
    }

    static AttemptOutcome failed(String error, boolean retryable) {
        return new AttemptOutcome(Result.FAILED, retryable, Map.of(), 0, 0, error);
    }

    static AttemptOutcome timedOut(String error) {
        return new AttemptOutcome(Result.TIMED_OUT, true, Map.of(), 0, 0, error);
    }

    /**
     * The attempt's worker stopped while running it (its lease expired without an outcome). Counted
     * like any failed attempt, so a step that kills every worker that runs it fails once its
     * attempts are used up instead of being run again forever.
     */
    static AttemptOutcome abandoned(String error) {
        return new AttemptOutcome(Result.ABANDONED, true, Map.of(), 0, 0, error);
    }

    /** Not failed: the step waits for something else (a tenant job) and runs again later without using an attempt. */
    static AttemptOutcome waiting(String reason) {
        return new AttemptOutcome(Result.WAITING, true, Map.of(), 0, 0, reason);
    }

    boolean succeeded() {
        return result == Result.SUCCEEDED;
    }

    boolean waitingForOther() {
        return result == Result.WAITING;
    }
}
