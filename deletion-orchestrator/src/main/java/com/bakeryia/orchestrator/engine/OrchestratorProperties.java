package com.bakeryia.orchestrator.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the deletion orchestrator under {@code bakery.orchestrator.*}.
 *
 * @param parallelism       steps this process runs at once (across all jobs); default 16, so every service's step of
 *                          a job starts together (a step of a local participant holds a connection only while a
 *                          statement runs, and long statements take turns through the engine's chunk gate)
 * @param callTimeout       how long one attempt of a step may take before it counts as failed; default 60 s
 * @param maxAttempts       attempts per step before the job fails (a retry grants as many again); default 5
 * @param initialBackoff    wait before the second attempt; doubles per attempt; default 2 s
 * @param maxBackoff        upper bound of the wait between attempts; default 2 min
 * @param jitter            fraction of each wait that is random (0 to 1), so retries of many steps
 *                          do not hit a recovering service at the same instant; default 0.5
 * @param leaseDuration     how long a claimed step stays reserved without a heartbeat; a step of a
 *                          crashed worker is picked up again after this; default 60 s
 * @param heartbeatInterval how often a worker extends the leases it holds; must be well below the
 *                          lease duration; default 15 s
 * @param pollInterval      how often a worker looks for due steps; default 1 s
 * @param workerEnabled     whether this process runs steps at all (it can still accept jobs); default true
 * @param failedJobRetryInterval how long a job stays FAILED (from its completed_at) before a worker
 *                          retries it by itself, as a retry request would; a job that keeps failing
 *                          is thus retried once per interval, never faster; checked every poll
 *                          interval by every worker; default 1 h
 * @param writeSettlePeriod user jobs only: how long after a user job was created (the account was
 *                          locked before that) its VERIFY steps wait at the least, so a write naming the
 *                          person admitted just before the lock (in flight, or from a membership answer
 *                          cached for {@code bakery.tenancy.cache-ttl}) has landed and is found; default
 *                          30 s. Tenant jobs never wait: each service's DELETE step fences the tenant
 *                          first (an exact write fence, {@code WriteFence}), so their VERIFY follows
 *                          DELETE at once. 0 turns the wait off; must not be negative
 */
@ConfigurationProperties("bakery.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("16") int parallelism,
        @DefaultValue("60s") Duration callTimeout,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("2m") Duration maxBackoff,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("60s") Duration leaseDuration,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("1h") Duration failedJobRetryInterval,
        @DefaultValue("30s") Duration writeSettlePeriod) {

    public OrchestratorProperties {
        require(parallelism >= 1, "parallelism must be at least 1");
        require(maxAttempts >= 1, "max-attempts must be at least 1");
        require(positive(callTimeout), "call-timeout must be positive");
        require(positive(initialBackoff) && !maxBackoff.minus(initialBackoff).isNegative(),
                "initial-backoff must be positive and not above max-backoff");
        require(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1");
        require(positive(heartbeatInterval) && leaseDuration.compareTo(heartbeatInterval.multipliedBy(2)) >= 0,
                "lease-duration must be at least twice the heartbeat-interval");
        require(positive(pollInterval), "poll-interval must be positive");
        require(positive(failedJobRetryInterval), "failed-job-retry-interval must be positive");
        require(writeSettlePeriod != null && !writeSettlePeriod.isNegative(), "write-settle-period must not be negative");
    }

    /** The backoff between attempts these settings describe. */
    Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff, jitter);
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("bakery.orchestrator." + message);
        }
    }
}
