package com.bakeryia.platform.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cross-origin calls from browsers under {@code bakery.security.cors.*}: off unless origins are named.
 *
 * @param allowedOrigins exact origins ({@code https://console.example.com}, a port where it is not the
 *                       scheme's default) whose pages may call {@code /api/**} of this process from a
 *                       browser, comma-separated; empty (the default) sends no CORS headers at all, so
 *                       only same-origin pages and non-browser clients call the API. No wildcard: each
 *                       origin is one the operators trust with their users' tokens
 */
@ConfigurationProperties("bakery.security.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(String::strip)
                .filter(origin -> !origin.isEmpty()).map(CorsProperties::requireOrigin).toList();
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /** A browser sends its origin as scheme, host and port only, lower-case: so must the setting, to match it. */
    private static String requireOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw notAnOrigin(origin);
        }
        boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
            throw notAnOrigin(origin);
        }
        return origin;
    }

    private static IllegalArgumentException notAnOrigin(String origin) {
        return new IllegalArgumentException("bakery.security.cors.allowed-origins takes exact origins such as"
                + " https://console.example.com (http or https, lower-case, no path, no wildcard), comma-separated; '"
                + origin + "' is not one.");
    }
}
