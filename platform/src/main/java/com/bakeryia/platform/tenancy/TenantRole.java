package com.bakeryia.platform.tenancy;

/** A member's role in a tenant. Exactly one OWNER per tenant. */
public enum TenantRole {
    OWNER, ADMIN, MEMBER, VIEWER;

    /** Owners, admins and members may write tenant data; viewers only read. */
    public boolean canWrite() {
        return this != VIEWER;
    }

    /** Owners and admins manage the tenant (members, deletion). */
    public boolean canManage() {
        return this == OWNER || this == ADMIN;
    }
}
