package com.bakeryia.platform.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the deletion orchestrator asks of the tenant service: a user's memberships across tenants,
 * who could take a tenant over, the ownership transfer, marking a tenant for deletion, and the
 * removal of every membership of a user. The tenant service implements it in-process (acting as a
 * service); elsewhere {@link RemoteUserMemberships} calls its HTTP API.
 */
public interface UserMemberships {

    /** One membership of the user. */
    record Membership(UUID tenantId, TenantRole role, Instant joinedAt) {
    }

    /** One OWNER or ADMIN of a tenant, with since when they are a member. */
    record Manager(UUID userId, TenantRole role, Instant joinedAt) {
    }

    /** What removing every membership of a user did; owned tenants are kept and reported. */
    record Removal(int removed, List<UUID> blockingTenantIds) {
    }

    /** The user's memberships, by tenant id. */
    List<Membership> of(UUID userId);

    /** The OWNER and the ADMINs of the tenant, owner first, then admins by joining time (longest-standing first). */
    List<Manager> managers(UUID tenantId);

    /** Makes an ADMIN the OWNER (the previous owner becomes ADMIN), as a service would through the transfer endpoint. */
    void transferOwnership(UUID tenantId, UUID newOwnerId);

    /**
     * Marks the tenant DELETING (no more writes) before its deletion job starts, as the tenant
     * DELETE endpoint does for a service; a tenant that no longer exists is left alone.
     */
    void markTenantDeleting(UUID tenantId);

    /**
     * Marks the tenant PENDING_DELETION until {@code deletionAt}: no more writes, members still
     * read; a tenant that no longer exists is left alone.
     *
     * @return false when the tenant is DELETING already (an earlier deletion was asked for without a
     *         window, or its job could not be created): there is no window left to wait out
     */
    boolean scheduleTenantDeletion(UUID tenantId, java.time.Instant deletionAt);

    /**
     * Makes a tenant PENDING_DELETION ACTIVE again (its deletion was cancelled); an ACTIVE one
     * stays so.
     *
     * @throws IllegalStateException when the tenant is already DELETING
     */
    void restoreTenant(UUID tenantId);

    /** Removes the user from every tenant, except tenants they own. */
    default Removal removeAll(UUID userId) {
        return removeAll(userId, UUID.randomUUID());
    }

    /**
     * As {@link #removeAll(UUID)}, as part of the run {@code runId}: the removal's count is what the
     * run removed across its calls (as the deletion contract's counts), so it stays exact when an
     * earlier call removed memberships and its answer was lost.
     */
    Removal removeAll(UUID userId, UUID runId);
}
