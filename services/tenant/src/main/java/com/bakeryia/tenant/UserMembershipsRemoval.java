package com.bakeryia.tenant;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantRole;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What removing a user from every tenant did, per membership.
 *
 * @param complete          true when no membership remains; false when some are blocking
 * @param removed           memberships removed (by the run, when removed under a run: across its calls)
 * @param blocked           memberships kept because the user is the tenant's OWNER
 * @param blockingTenantIds the tenants the user still owns
 */
record UserMembershipsRemoval(UUID userId, boolean complete, int removed, int blocked,
                              List<UUID> blockingTenantIds, List<Outcome> memberships) {

    static final String REMOVED = "REMOVED";
    static final String BLOCKED = "BLOCKED";

    static UserMembershipsRemoval of(UUID userId, List<Outcome> outcomes) {
        List<UUID> blocking = outcomes.stream().filter(o -> BLOCKED.equals(o.outcome())).map(Outcome::tenantId).toList();
        return new UserMembershipsRemoval(userId, blocking.isEmpty(), outcomes.size() - blocking.size(), blocking.size(),
                blocking, List.copyOf(outcomes));
    }

    /** The same, reporting {@code removed} as the run's count (an earlier call of the run may have removed some). */
    UserMembershipsRemoval removedInRun(long runRemoved) {
        return new UserMembershipsRemoval(userId, complete, (int) runRemoved, blocked, blockingTenantIds, memberships);
    }

    /**
     * One membership: {@code REMOVED}, or {@code BLOCKED} with the reason.
     */
    @Schema(name = "MembershipRemoval")
    record Outcome(UUID tenantId, TenantRole role, String outcome, String reason) {
    }
}
