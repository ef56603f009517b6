package com.bakeryia.platform.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * A role a person holds on the platform as a whole, not in a tenant: it comes with their account
 * in the auth service and never with a membership. Tokens do not carry it; every request reads it
 * with the account's standing, so granting and revoking take effect on the caller's next request
 * in every process.
 */
public enum PlatformRole {

    /**
     * Acts on deletion records for the platform (support, legal deadlines): reads, starts, retries
     * and restores any tenant or user deletion, reads certificates and the audit trail. Gives no
     * access to bakery data, tenant memberships, the services' participant endpoints or metrics.
     */
    OPERATOR,

    /**
     * Reads the records the law keeps of deleted tenants (the services' archives of fiscal records,
     * docs/retention.md): one read at a time, each with a stated reason that the deletion audit
     * trail records with the reader. Nothing else: no deletion jobs, no bakery data, no memberships.
     */
    RECORDS_OFFICER;

    /** The Spring Security authority a request of a holder gets: {@code ROLE_OPERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * The role of this exact name; empty for a name this process does not know (a newer auth
     * service may grant more roles than an older process acts on).
     */
    public static Optional<PlatformRole> named(String name) {
        return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst();
    }
}
