package com.bakeryia.orchestrator.console;

import java.net.URI;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator console, under {@code bakery.console.*}.
 *
 * @param authUrl where the console's pages sign people in, as the browser reaches it: the base URL of
 *                the process that runs {@code auth} (for example {@code https://identity.example.com}),
 *                whose {@code bakery.security.cors.allowed-origins} must then name the console's origin.
 *                Unset: this origin when auth runs in this process, otherwise {@code bakery.services.auth.url}.
 *                An absolute http or https URL without query, fragment or user info; a trailing slash is dropped
 */
@ConfigurationProperties("bakery.console")
record ConsoleProperties(URI authUrl) {

    ConsoleProperties {
        authUrl = authUrl == null ? null : browserReachable(authUrl, "bakery.console.auth-url");
    }

    /** {@code url} checked to be a base URL a browser can call, without its trailing slash. */
    static URI browserReachable(URI url, String setting) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an absolute http or https URL such as"
                    + " https://identity.example.com, not '" + url + "'.");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(setting + " must have no query, fragment or user info: '" + url + "'.");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
