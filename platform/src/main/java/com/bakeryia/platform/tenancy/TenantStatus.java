package com.bakeryia.platform.tenancy;

/** Lifecycle of a tenant. Only an ACTIVE tenant accepts writes. */
public enum TenantStatus {
    ACTIVE, PENDING_DELETION, DELETING
}
