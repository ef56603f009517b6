package com.bakeryia.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.bakeryia.platform.web.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Bounds how many password hashes (BCrypt, tens of milliseconds of CPU each) run at once, so a
 * flood of logins or registrations cannot take the CPU from the other services of the process. A
 * request waits at most {@code password-check-wait} for a permit (first come, first served) and is
 * then answered 503 with {@code Retry-After} rather than queued without end.
 */
final class PasswordChecks {

    /** Seconds a refused caller is told to wait: a permit frees within one hash. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final Semaphore permits;
    private final Duration wait;

    PasswordChecks(int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("bakery.auth.password-check-permits must be positive, got " + permits + ".");
        }
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    /** Runs work that hashes a password while holding a permit; 503 problem when none frees within the wait. */
    <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            ApiProblem busy = ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many password checks at once; try again in " + RETRY_AFTER_SECONDS + " second.");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            throw busy;
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
