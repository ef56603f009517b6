package com.bakeryia.deletion;

/** Whose data a deletion is about. */
public enum DeletionScope {
    /** Everything of one tenant (bakery). */
    TENANT,
    /** One person's data across tenants: user-scoped rows deleted, references anonymised. */
    USER;

    /** The path segment of the HTTP binding: {@code tenant} or {@code user}. */
    public String pathSegment() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
