package com.bakeryia.platform.tenancy;

/**
 * Lifecycle of a tenant. Only an ACTIVE tenant accepts writes. PENDING_DELETION: its deletion is
 * scheduled; members still read everything (so the owner can export), and its OWNER or an ADMIN
 * can restore it until the deadline. DELETING: its data is being deleted; nobody acts on it.
 */
public enum TenantStatus {
    ACTIVE, PENDING_DELETION, DELETING
}
