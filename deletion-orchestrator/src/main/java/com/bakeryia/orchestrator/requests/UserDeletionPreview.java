package com.bakeryia.orchestrator.requests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantRole;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What deleting a user would do, with nothing changed: each tenant they own and what happens to
 * it, the memberships that go, and per participant the rows deleted or anonymised (the auth
 * service's user record and refresh tokens included). Ids and counts only.
 *
 * @param userId           the user
 * @param ownedTenants     TRANSFER (to {@code new_owner_id}), DELETE, or BLOCKED (with the reason)
 * @param memberships      every membership that would be removed
 * @param totalItems       rows every participant would delete or anonymise, summed
 * @param services         one entry per participant that answered
 * @param unavailable      participants that did not answer, with the reason
 */
public record UserDeletionPreview(UUID userId, List<OwnedTenant> ownedTenants, List<Membership> memberships,
                                  long totalItems, List<TenantDeletionPreview.ServicePreview> services,
                                  Map<String, String> unavailable) {

    /**
     * The preview as the person reads it: which participants did not answer, but not why (the
     * reason may be an exception's text naming an internal address).
     */
    public UserDeletionPreview withoutErrorDetail() {
        return new UserDeletionPreview(userId, ownedTenants, memberships, totalItems, services,
                TenantDeletionPreview.withoutReasons(unavailable));
    }

    /** A tenant the user owns and what the deletion does with it. */
    public record OwnedTenant(UUID tenantId, String action, UUID newOwnerId, String reason) {

        public boolean blocked() {
            return "BLOCKED".equals(action);
        }
    }

    /** A membership that would be removed. */
    @Schema(name = "MembershipToRemove")
    public record Membership(UUID tenantId, TenantRole role) {
    }
}
