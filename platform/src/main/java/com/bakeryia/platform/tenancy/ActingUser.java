package com.bakeryia.platform.tenancy;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;

/** Who a people column ({@code created_by}, {@code recorded_by}, ...) names for a write. */
public final class ActingUser {

    private ActingUser() {
    }

    /**
     * A user acts as themselves; a service may name the user it acts for (or nobody). A user may
     * not write another person's id into the record: that is a 400 naming {@code field}.
     */
    public static UUID of(CallerPrincipal caller, UUID requested, String field) {
        if (caller.isService()) {
            return requested;
        }
        UUID self = caller.userId().orElseThrow(() -> ApiProblem.forbidden("The token names no user."));
        if (requested != null && !requested.equals(self)) {
            throw ApiProblem.badRequest("Field '" + field + "' may only name another user when a service calls.");
        }
        return self;
    }
}
