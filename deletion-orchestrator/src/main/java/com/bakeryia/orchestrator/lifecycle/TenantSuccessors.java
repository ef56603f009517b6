package com.bakeryia.orchestrator.lifecycle;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.UserMemberships;

/**
 * Who may take a tenant over from an owner being erased: its ADMINs other than that owner whose
 * accounts are ACTIVE (an admin whose own deletion is scheduled or running, or who is gone, cannot
 * become an owner), the longest-standing (earliest to join) first. One rule for planning a user job
 * ({@code UserDeletions}) and for re-planning it at each PREPARE attempt ({@code UserJobPreparation}).
 */
public final class TenantSuccessors {

    private TenantSuccessors() {
    }

    /** The tenant's ADMINs with ACTIVE accounts except {@code leavingUserId}, longest-standing first. */
    public static List<UUID> of(UserMemberships tenancy, UserDirectory users, UUID tenantId, UUID leavingUserId) {
        return tenancy.managers(tenantId).stream()
                .filter(m -> m.role() == TenantRole.ADMIN && !m.userId().equals(leavingUserId))
                .filter(m -> users.account(m.userId()).map(UserDirectory.Account::active).orElse(false))
                .sorted(Comparator.comparing(UserMemberships.Manager::joinedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(UserMemberships.Manager::userId).toList();
    }
}
