package com.bakeryia.orchestrator.console;

import java.net.URI;
import java.util.Optional;

/**
 * Where the console's pages sign people in and refresh their tokens: the auth service of this
 * process (same origin), or the one another process runs, which the browser then calls across
 * origins.
 *
 * @param authUrl the base URL the pages call {@code /api/v1/auth/**} and {@code /api/v1/users/me} at;
 *                empty for this origin
 */
record ConsoleSignIn(String authUrl) {

    static final ConsoleSignIn THIS_ORIGIN = new ConsoleSignIn("");

    /**
     * The configured address wins; without one, this origin when auth runs here, else the address
     * the platform reaches auth at (which must then be one the browser reaches too).
     */
    static ConsoleSignIn resolve(ConsoleProperties console, boolean authRunsHere, URI authServiceUrl) {
        if (console.authUrl() != null) {
            return new ConsoleSignIn(console.authUrl().toString());
        }
        if (authRunsHere || authServiceUrl == null) {
            return THIS_ORIGIN;
        }
        return new ConsoleSignIn(ConsoleProperties.browserReachable(authServiceUrl, "bakery.services.auth.url").toString());
    }

    /** The origin ({@code scheme://host[:port]}) of the auth service when it is not this one. */
    Optional<String> otherOrigin() {
        if (authUrl.isEmpty()) {
            return Optional.empty();
        }
        URI url = URI.create(authUrl);
        return Optional.of(url.getScheme() + "://" + url.getRawAuthority());
    }
}
