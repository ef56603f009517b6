package com.bakeryia.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.bakeryia.platform.security.CallerPrincipal;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link RateLimits}: per client address for requests without a token to the services'
 * public paths, per principal (the token's subject) for authenticated requests, each answered 429
 * problem+json with {@code Retry-After} when past its limit; every request so counted is answered
 * with {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}, as the
 * API document declares. Runs in the security chain right
 * after the bearer token is verified, so a refused request costs neither an account lookup nor a
 * controller. The counting is Resilience4j's {@link AtomicRateLimiter}, one per key, kept in a
 * Caffeine cache that forgets a key idle for one period (its window would be full again anyway)
 * and holds at most {@code max-keys} of each kind.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    public static final String RATE_LIMIT_LIMIT = "RateLimit-Limit";
    public static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    public static final String RATE_LIMIT_RESET = "RateLimit-Reset";

    private final List<RequestMatcher> publicPaths;
    private final ProblemWriter problems;
    private final Limiters perAddress;
    private final Limiters perUser;
    private final Limiters perService;

    public RateLimitFilter(RateLimits limits, List<String> publicPatterns, ProblemWriter problems) {
        this.publicPaths = publicPatterns.stream()
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .toList();
        this.problems = problems;
        this.perAddress = new Limiters("address", limits.perAddress(), limits.maxKeys());
        this.perUser = new Limiters("user", limits.perUser(), limits.maxKeys());
        this.perService = new Limiters("service", limits.perService(), limits.maxKeys());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Optional<Verdict> verdict = limitersFor(caller, request)
                .map(limiters -> limiters.take(caller instanceof JwtAuthenticationToken
                        ? caller.getName() : request.getRemoteAddr()));
        if (verdict.isPresent()) {
            Verdict taken = verdict.get();
            response.setHeader(RATE_LIMIT_LIMIT, String.valueOf(taken.limit()));
            response.setHeader(RATE_LIMIT_REMAINING, String.valueOf(taken.remaining()));
            response.setHeader(RATE_LIMIT_RESET, String.valueOf(taken.resetSeconds()));
            if (taken.retryAfter() > 0) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(taken.retryAfter()));
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                        "Too many requests; try again in " + taken.retryAfter() + " seconds.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Per principal (a verified token), else per address on the public paths, else none. */
    private Optional<Limiters> limitersFor(Authentication caller, HttpServletRequest request) {
        if (caller instanceof JwtAuthenticationToken) {
            return Optional.of(CallerPrincipal.of(caller).isService() ? perService : perUser);
        }
        if (publicPaths.stream().anyMatch(path -> path.matches(request))) {
            return Optional.of(perAddress);
        }
        // Neither: security refuses it (401) right after, at no cost worth limiting.
        return Optional.empty();
    }

    /**
     * One request's standing against its limit, sent as the IETF draft's RateLimit headers: the
     * limit per window, what is left of it, and seconds until the window ends (the whole period
     * while requests are left, which is its upper bound).
     */
    private record Verdict(int limit, int remaining, long resetSeconds, long retryAfter) {
    }

    /** One limiter per key of a kind, idle keys forgotten. */
    private static final class Limiters {

        private final String kind;
        private final RateLimiterConfig config;
        private final Cache<String, AtomicRateLimiter> byKey;

        Limiters(String kind, RateLimits.Limit limit, long maxKeys) {
            this.kind = kind;
            this.config = RateLimiterConfig.custom()
                    .limitForPeriod(limit.limit())
                    .limitRefreshPeriod(limit.period())
                    .timeoutDuration(Duration.ZERO)
                    .build();
            this.byKey = Caffeine.newBuilder().expireAfterAccess(limit.period()).maximumSize(maxKeys).build();
        }

        /** Takes a permit for the key; the verdict's retryAfter is 0 when granted, else the whole seconds until one is free. */
        Verdict take(String key) {
            AtomicRateLimiter limiter = byKey.get(key, k -> new AtomicRateLimiter(kind + ":" + k, config));
            boolean granted = limiter.acquirePermission();
            AtomicRateLimiter.AtomicRateLimiterMetrics metrics = limiter.getDetailedMetrics();
            int remaining = Math.max(0, metrics.getAvailablePermissions());
            long period = seconds(config.getLimitRefreshPeriod().toNanos());
            long untilFree = seconds(metrics.getNanosToWait());
            long reset = remaining > 0 ? period : Math.max(1, Math.min(period, untilFree));
            return new Verdict(config.getLimitForPeriod(), remaining, reset, granted ? 0 : Math.max(1, untilFree));
        }

        private static long seconds(long nanos) {
            return (nanos + 999_999_999L) / 1_000_000_000L;
        }
    }
}
