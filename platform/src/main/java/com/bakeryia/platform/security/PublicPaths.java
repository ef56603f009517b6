package com.bakeryia.platform.security;

import java.util.List;

/**
 * Request paths a service serves without a token (for example login). Declare one as a bean in
 * the service; everything not listed here, health or API docs requires a bearer token.
 *
 * @param patterns Ant-style path patterns
 */
public record PublicPaths(List<String> patterns) {

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }
}
