package com.bakeryia.orchestrator.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The headers of every answer under {@code /console}: a Content-Security-Policy that lets the pages
 * run only their own scripts and styles (no inline code, nothing from elsewhere) and call only this
 * origin and the auth service they sign in at, never be framed (clickjacking), nor send a referrer;
 * no content sniffing; and revalidation on every load unless the handler said otherwise.
 */
final class ConsoleHeaders implements HandlerInterceptor {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    private final String policy;

    ConsoleHeaders(ConsoleSignIn signIn) {
        String connect = "'self'" + signIn.otherOrigin().map(origin -> " " + origin).orElse("");
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src " + connect + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    String policy() {
        return policy;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader(CONTENT_SECURITY_POLICY, policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return true;
    }
}
