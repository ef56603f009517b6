package com.bakeryia.platform.security;

import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.identity.PlatformRole;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: a user (subject is the user id) or a service (subject is the client id), and for
 * a user, whether their account holds the platform role OPERATOR on this request.
 *
 * @param kind     user or service
 * @param subject  the token's {@code sub}
 * @param operator whether the caller is a user whose account holds {@link PlatformRole#OPERATOR} now
 */
public record CallerPrincipal(PrincipalKind kind, String subject, boolean operator) {

    public CallerPrincipal(PrincipalKind kind, String subject) {
        this(kind, subject, false);
    }

    public static CallerPrincipal of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            PrincipalKind kind = PrincipalKind.fromClaim(jwt.getToken().getClaimAsString(JwtTokens.KIND_CLAIM))
                    .orElseThrow(() -> new IllegalStateException("Token without a valid kind claim"));
            boolean operator = kind == PrincipalKind.USER && jwt.getAuthorities().stream()
                    .anyMatch(authority -> PlatformRole.OPERATOR.authority().equals(authority.getAuthority()));
            return new CallerPrincipal(kind, jwt.getToken().getSubject(), operator);
        }
        throw new IllegalStateException("Not a bearer-token authentication: " + authentication);
    }

    /**
     * Whether the caller is a person acting as the platform's OPERATOR: the deletion records of every
     * tenant and user, nothing else (never a tenant's data or its memberships).
     */
    public boolean isOperator() {
        return operator;
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
