package com.bakeryia.platform.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.bakeryia.platform.web.ProblemWriter;
import com.bakeryia.platform.web.RateLimitFilter;
import com.bakeryia.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * What a page of an allowed origin ({@link CorsProperties}) may do across origins, on {@code /api/**}
 * only: the API's methods with a bearer token in {@code Authorization} (no cookies: the platform has
 * none, so credentials mode stays off), JSON bodies and the certificate hand-over header; and what it
 * may read of an answer beyond the simple headers: where a created thing is, when to retry, the rate
 * limit and the request id to report. A request from any other origin is refused with a 403 problem
 * before security looks at its token; a same-origin request is not a cross-origin one and passes.
 */
final class CrossOriginPolicy {

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT, "Deletion-Certificate-Token");
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
            RateLimitFilter.RATE_LIMIT_LIMIT, RateLimitFilter.RATE_LIMIT_REMAINING, RateLimitFilter.RATE_LIMIT_RESET,
            RequestIdFilter.HEADER);
    /** How long a browser may reuse a preflight's answer. */
    static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private CrossOriginPolicy() {
    }

    static CorsFilter filter(CorsProperties properties, ProblemWriter problems) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(METHODS);
        configuration.setAllowedHeaders(REQUEST_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(PREFLIGHT_MAX_AGE);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        CorsFilter filter = new CorsFilter(source);
        // Spring's rules, with a refusal answered as problem+json like every other error of the platform.
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            public boolean processRequest(CorsConfiguration allowed, HttpServletRequest request,
                                          HttpServletResponse response) throws IOException {
                boolean passes = super.processRequest(allowed, request, response);
                if (!passes) {
                    problems.write(request, response, HttpStatus.FORBIDDEN, "A cross-origin request from "
                            + request.getHeader(HttpHeaders.ORIGIN) + " is not allowed here: only the origins in"
                            + " bakery.security.cors.allowed-origins, with the methods and headers the API takes.");
                }
                return passes;
            }

            /** Left to {@code processRequest}, which knows the request. */
            @Override
            protected void rejectRequest(ServerHttpResponse response) {
            }
        });
        return filter;
    }
}
