package com.bakeryia.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rates, under {@code bakery.rate-limits.*}, enforced by {@link RateLimitFilter}: a request
 * past its limit is answered 429 problem+json with {@code Retry-After}. Limits count in fixed windows
 * of {@code period} (a client may send {@code limit} requests at once, then waits for the next window).
 *
 * @param enabled     whether requests are limited at all; {@code false} for load tests and benchmarks
 * @param perAddress  requests without a token to the services' public paths (register, login, refresh,
 *                    logout, service-token, the JWK Set), per client address ({@code getRemoteAddr()}:
 *                    {@code X-Forwarded-For} is read only when Spring Boot is told a proxy is trusted,
 *                    see docs/security.md, "Rate limits"); default 60 a minute, far above what a person
 *                    or an office behind one address logs in, while each login costs a password hash
 * @param perUser     requests with a user's token, per user; default 600 a minute (10 a second), above
 *                    what the UI sends
 * @param perService  requests with a service token, per service client; default 60000 a minute: the
 *                    platform's own processes ask auth about every user request they serve
 * @param maxKeys     addresses and principals remembered per kind; a key idle for one period is forgotten
 *                    anyway (its window is full again), so this bounds memory only under churn; default 100000
 */
@ConfigurationProperties("bakery.rate-limits")
public record RateLimits(
        @DefaultValue("true") boolean enabled,
        Limit perAddress,
        Limit perUser,
        Limit perService,
        @DefaultValue("100000") long maxKeys) {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    public RateLimits {
        perAddress = Limit.orDefault(perAddress, 60, MINUTE);
        perUser = Limit.orDefault(perUser, 600, MINUTE);
        perService = Limit.orDefault(perService, 60000, MINUTE);
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("bakery.rate-limits.max-keys must be positive, got " + maxKeys + ".");
        }
    }

    /**
     * At most {@code limit} requests per {@code period} of one key; either left unset takes the
     * kind's default.
     *
     * @param limit  requests per period, positive
     * @param period the window, positive
     */
    public record Limit(Integer limit, Duration period) {

        public Limit {
            if (limit != null && limit <= 0) {
                throw new IllegalArgumentException("A rate limit must allow at least one request, got " + limit + ".");
            }
            if (period != null && (period.isZero() || period.isNegative())) {
                throw new IllegalArgumentException("A rate limit's period must be positive, got " + period + ".");
            }
        }

        static Limit orDefault(Limit given, int limit, Duration period) {
            return given == null ? new Limit(limit, period) : new Limit(given.limit() == null ? limit : given.limit(),
                    given.period() == null ? period : given.period());
        }
    }
}
