package com.bakeryia.orchestrator.job;

import java.util.Objects;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;

/**
 * Who asked for a deletion: a user (their id is kept on the job until they are erased themselves)
 * or a service (its client id). Exactly one of the two is set.
 */
public record Initiator(UUID userId, String serviceId) {

    public Initiator {
        if ((userId == null) == (serviceId == null || serviceId.isBlank())) {
            throw new IllegalArgumentException("A deletion is asked for by exactly one user or one service");
        }
    }

    public static Initiator user(UUID userId) {
        return new Initiator(Objects.requireNonNull(userId, "userId"), null);
    }

    public static Initiator service(String clientId) {
        return new Initiator(null, clientId);
    }

    /** The caller of a request: a user token names the user, a service token the client. */
    public static Initiator of(CallerPrincipal caller) {
        if (caller.isService()) {
            return service(caller.subject());
        }
        return user(caller.userId().orElseThrow(() -> new IllegalArgumentException("The token's subject is not a user id")));
    }

    /** As the audit trail names who asked: {@code user:<id>} or {@code service:<client id>}. */
    public String actor() {
        return userId != null ? "user:" + userId : "service:" + serviceId;
    }

    @Override
    public String toString() {
        return userId != null ? "user " + userId : "service " + serviceId;
    }
}
