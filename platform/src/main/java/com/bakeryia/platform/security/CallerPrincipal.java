package com.bakeryia.platform.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: a user (subject is the user id) or a service (subject is the client id).
 *
 * @param kind    user or service
 * @param subject the token's {@code sub}
 */
public record CallerPrincipal(PrincipalKind kind, String subject) {

    public static CallerPrincipal of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            PrincipalKind kind = PrincipalKind.fromClaim(jwt.getToken().getClaimAsString(JwtTokens.KIND_CLAIM))
                    .orElseThrow(() -> new IllegalStateException("Token without a valid kind claim"));
            return new CallerPrincipal(kind, jwt.getToken().getSubject());
        }
        throw new IllegalStateException("Not a bearer-token authentication: " + authentication);
    }

    public boolean isService() {
        return kind == PrincipalKind.SERVICE;
    }

    public boolean isUser() {
        return kind == PrincipalKind.USER;
    }

    /** The user id of a user principal; empty for a service. */
    public Optional<UUID> userId() {
        if (!isUser()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
