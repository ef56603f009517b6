package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the wait after attempt {@code n} is
 * {@code min(max, initial * 2^(n-1))}, of which a {@code jitter} fraction is random. Retries of
 * many steps therefore spread out instead of hitting a recovering service together.
 *
 * @param initial wait after the first failed attempt (before jitter)
 * @param max     cap of the wait
 * @param jitter  random fraction of the wait, 0 (none) to 1 (anywhere from zero to the full wait)
 */
record Backoff(Duration initial, Duration max, double jitter) {

    /** The wait after the given (1-based) failed attempt; {@code random} yields values in [0, 1). */
    Duration after(int failedAttempt, DoubleSupplier random) {
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long base = Math.min(max.toMillis(), initial.toMillis() * (1L << doublings));
        long randomPart = (long) (base * jitter * random.getAsDouble());
        return Duration.ofMillis(base - (long) (base * jitter) + randomPart);
    }
}
