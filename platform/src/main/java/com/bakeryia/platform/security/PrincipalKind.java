package com.bakeryia.platform.security;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of caller. The kind is the {@code kind} claim of the token and its only role. */
public enum PrincipalKind {
    /** A person, identified by user id; what they may do in a tenant comes from their membership. */
    USER,
    /** Another service or an operator with service credentials, identified by client id. */
    SERVICE;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security role name: {@code ROLE_USER} or {@code ROLE_SERVICE}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<PrincipalKind> fromClaim(String claim) {
        for (PrincipalKind kind : values()) {
            if (kind.claim().equals(claim)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
