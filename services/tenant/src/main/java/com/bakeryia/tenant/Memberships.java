package com.bakeryia.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionRunCounts;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Who belongs to which tenant, and in which role. Every change locks the tenant row first (see
 * {@link Tenants#caller}) and checks the caller's rights under that lock, so concurrent changes to
 * one tenant cannot interleave, and the OWNER membership always matches {@code tenants.owner_user_id}.
 */
@Component
class Memberships {

    private static final String ROLE_ORDER =
            "case role when 'OWNER' then 0 when 'ADMIN' then 1 when 'MEMBER' then 2 else 3 end";

    private final ServiceDatabase db;
    private final Tenants tenants;
    private final UserDirectory users;
    private final TenantAccessGuard guard;
    private final Clock clock;
    private final DeletionRunCounts runCounts;

    Memberships(@Qualifier("tenant") ServiceDatabase db, Tenants tenants, UserDirectory users,
                TenantAccessGuard guard, Clock clock) {
        this.db = db;
        this.runCounts = new DeletionRunCounts(db);
        this.tenants = tenants;
        this.users = users;
        this.guard = guard;
        this.clock = clock;
    }

    /** A page of the tenant's members: owner first, then admins, members, viewers, each by joining time. */
    List<MemberView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("select user_id, role, joined_at, role_since from tenant.memberships where tenant_id = ?"
                + " order by " + ROLE_ORDER + ", joined_at, user_id limit ? offset ?", Memberships::member, tenantId,
                limit, offset);
    }

    /** The OWNER and the ADMINs. */
    List<MemberView> admins(UUID tenantId) {
        return db.jdbc().query("select user_id, role, joined_at, role_since from tenant.memberships where tenant_id = ?"
                + " and role in ('OWNER', 'ADMIN') order by " + ROLE_ORDER + ", joined_at, user_id",
                Memberships::member, tenantId);
    }

    /** One page of the OWNER and the ADMINs, in the order of {@link #admins(UUID)}. */
    List<MemberView> admins(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("select user_id, role, joined_at, role_since from tenant.memberships where tenant_id = ?"
                        + " and role in ('OWNER', 'ADMIN') order by " + ROLE_ORDER + ", joined_at, user_id limit ? offset ?",
                Memberships::member, tenantId, limit, offset);
    }

    /** The user's memberships in every tenant, by tenant id. */
    List<TenantController.UserMembershipView> ofUser(UUID userId) {
        return ofUser(userId, Integer.MAX_VALUE, 0);
    }

    /** One page of the user's memberships, by tenant id. */
    List<TenantController.UserMembershipView> ofUser(UUID userId, int limit, int offset) {
        return db.jdbc().query("select tenant_id, role, joined_at from tenant.memberships where user_id = ? order by tenant_id"
                        + " limit ? offset ?",
                (row, n) -> new TenantController.UserMembershipView(row.getObject("tenant_id", UUID.class),
                        TenantRole.valueOf(row.getString("role")), row.getTimestamp("joined_at").toInstant()),
                userId, limit, offset);
    }

    /** Adds an existing user in a role other than OWNER (ownership only moves by transfer). */
    MemberView add(UUID tenantId, CallerPrincipal principal, UUID userId, TenantRole role) {
        requireNotOwnerRole(role);
        // Rights first (no lock yet), so a caller without them learns nothing about the user.
        tenants.caller(tenantId, principal, false).requireManager("add members").requireActive();
        requireActiveAccount(userId, "join a tenant");
        MemberView added = db.transactions().execute(status -> {
            tenants.caller(tenantId, principal, true).requireManager("add members").requireActive();
            Timestamp now = Timestamp.from(clock.instant());
            int inserted = db.jdbc().update("insert into tenant.memberships (tenant_id, user_id, role, joined_at, role_since)"
                    + " values (?, ?, ?, ?, ?) on conflict (tenant_id, user_id) do nothing",
                    tenantId, userId, role.name(), now, now);
            if (inserted == 0) {
                throw ApiProblem.conflict("User " + userId + " is already a member of tenant " + tenantId
                        + "; change their role with PATCH instead.");
            }
            return new MemberView(userId, role, now.toInstant(), now.toInstant());
        });
        guard.evict(tenantId);
        return added;
    }

    /**
     * Only an ACTIVE account gains a membership or a tenant: a person whose deletion was asked for
     * (PENDING_DELETION, DELETING) is locked out, whoever grants it; an erased id is unknown for
     * good. 404 for an unknown user, 409 for one who may not act.
     */
    private void requireActiveAccount(UUID userId, String action) {
        UserDirectory.Account account = users.account(userId)
                .orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
        if (!account.active()) {
            throw ApiProblem.conflict("User " + userId + " is " + account.status() + " and cannot " + action
                    + (account.status() == UserDirectory.AccountStatus.PENDING_DELETION
                    ? ": their account is scheduled for deletion at " + account.deletionScheduledFor() + "." : "."))
                    .with("user_status", account.status());
        }
    }

    /** Changes a member's role; the OWNER's role changes only by transfer of ownership. */
    MemberView changeRole(UUID tenantId, CallerPrincipal principal, UUID userId, TenantRole role) {
        requireNotOwnerRole(role);
        MemberView changed = db.transactions().execute(status -> {
            tenants.caller(tenantId, principal, true).requireManager("change roles").requireActive();
            TenantRole current = currentRole(tenantId, userId);
            if (current == TenantRole.OWNER) {
                throw ApiProblem.conflict("User " + userId + " is the OWNER of tenant " + tenantId
                        + "; the owner's role changes only by transferring ownership.");
            }
            if (current != role) {
                db.jdbc().update("update tenant.memberships set role = ?, role_since = ? where tenant_id = ? and user_id = ?",
                        role.name(), Timestamp.from(clock.instant()), tenantId, userId);
            }
            return find(tenantId, userId);
        });
        guard.evict(tenantId);
        return changed;
    }

    /** Removes a member: the OWNER and ADMINs may remove anyone but the owner; any member may leave. */
    void remove(UUID tenantId, CallerPrincipal principal, UUID userId) {
        db.transactions().executeWithoutResult(status -> {
            TenantCaller caller = tenants.caller(tenantId, principal, true);
            boolean leaving = principal.userId().filter(userId::equals).isPresent();
            if (leaving) {
                caller.requireMember();
            } else {
                caller.requireManager("remove members");
            }
            caller.requireActive();
            if (currentRole(tenantId, userId) == TenantRole.OWNER) {
                throw ApiProblem.conflict("User " + userId + " is the OWNER of tenant " + tenantId
                        + " and cannot be removed; transfer ownership first.");
            }
            db.jdbc().update("delete from tenant.memberships where tenant_id = ? and user_id = ?", tenantId, userId);
        });
        guard.evict(tenantId);
    }

    /**
     * Makes an ADMIN the OWNER and the previous owner an ADMIN, together with
     * {@code tenants.owner_user_id}, in one transaction under the tenant's row lock: of two
     * concurrent transfers the second sees the first's result and is judged on it.
     */
    OwnershipTransfer transfer(UUID tenantId, CallerPrincipal principal, UUID newOwnerId) {
        // Rights first (no lock yet), so a caller without them learns nothing about the user.
        tenants.caller(tenantId, principal, false).requireOwner("transfer ownership").requireActive();
        requireActiveAccount(newOwnerId, "become a tenant's owner");
        OwnershipTransfer transfer = db.transactions().execute(status -> {
            TenantCaller caller = tenants.caller(tenantId, principal, true)
                    .requireOwner("transfer ownership").requireActive();
            UUID previousOwner = caller.tenant().ownerUserId();
            if (previousOwner.equals(newOwnerId)) {
                throw ApiProblem.conflict("User " + newOwnerId + " already owns tenant " + tenantId + ".");
            }
            TenantRole newOwnerRole = tenants.roleOf(tenantId, newOwnerId).orElseThrow(() -> ApiProblem.conflict(
                    "User " + newOwnerId + " is not a member of tenant " + tenantId
                            + "; only an ADMIN of the tenant can become its owner."));
            if (newOwnerRole != TenantRole.ADMIN) {
                throw ApiProblem.conflict("User " + newOwnerId + " is a " + newOwnerRole + " of tenant " + tenantId
                        + "; only an ADMIN of the tenant can become its owner.");
            }
            Instant now = clock.instant();
            Timestamp at = Timestamp.from(now);
            // Demote first: at most one OWNER row may exist at any moment (partial unique index).
            db.jdbc().update("update tenant.memberships set role = 'ADMIN', role_since = ? where tenant_id = ? and user_id = ?",
                    at, tenantId, previousOwner);
            db.jdbc().update("update tenant.memberships set role = 'OWNER', role_since = ? where tenant_id = ? and user_id = ?",
                    at, tenantId, newOwnerId);
            db.jdbc().update("update tenant.tenants set owner_user_id = ? where id = ?", newOwnerId, tenantId);
            return new OwnershipTransfer(tenantId, previousOwner, newOwnerId, now);
        });
        guard.evict(tenantId);
        return transfer;
    }

    /**
     * Removes the user from every tenant, except where they are the OWNER: removing that
     * membership would leave the tenant without an owner, so it stays and is reported as blocking.
     */
    UserMembershipsRemoval removeAllOf(UUID userId) {
        return removeAllOf(userId, UUID.randomUUID());
    }

    /**
     * As {@link #removeAllOf(UUID)}, counted under the run {@code runId} in the same transaction:
     * {@code removed} is what the run removed across its calls, so a call after one whose answer
     * was lost still reports the memberships that call removed.
     */
    UserMembershipsRemoval removeAllOf(UUID userId, UUID runId) {
        UserMembershipsRemoval removal = db.transactions().execute(status -> {
            // Lock the user's tenants in id order (deadlock-free), as every membership change does.
            db.jdbc().queryForList("select t.id from tenant.tenants t where t.id in"
                    + " (select tenant_id from tenant.memberships where user_id = ?) order by t.id for update",
                    UUID.class, userId);
            List<UserMembershipsRemoval.Outcome> outcomes = new ArrayList<>();
            db.jdbc().query("select tenant_id, role from tenant.memberships where user_id = ? order by tenant_id",
                    (ResultSet row) -> {
                        UUID tenantId = row.getObject("tenant_id", UUID.class);
                        TenantRole role = TenantRole.valueOf(row.getString("role"));
                        outcomes.add(role == TenantRole.OWNER
                                ? new UserMembershipsRemoval.Outcome(tenantId, role, UserMembershipsRemoval.BLOCKED,
                                        "The user owns tenant " + tenantId + "; transfer its ownership or delete the"
                                                + " tenant first.")
                                : new UserMembershipsRemoval.Outcome(tenantId, role, UserMembershipsRemoval.REMOVED, null));
                    }, userId);
            int removed = db.jdbc().update("delete from tenant.memberships where user_id = ? and role <> 'OWNER'", userId);
            runCounts.add(runId, "tenant.memberships", removed, 0);
            return UserMembershipsRemoval.of(userId, outcomes)
                    .removedInRun(runCounts.deleted(runId).getOrDefault("tenant.memberships", 0L));
        });
        removal.memberships().forEach(outcome -> guard.evict(outcome.tenantId()));
        return removal;
    }

    private TenantRole currentRole(UUID tenantId, UUID userId) {
        return tenants.roleOf(tenantId, userId).orElseThrow(() ->
                ApiProblem.notFound("User " + userId + " is not a member of tenant " + tenantId + "."));
    }

    private MemberView find(UUID tenantId, UUID userId) {
        return db.jdbc().queryForObject("select user_id, role, joined_at, role_since from tenant.memberships"
                + " where tenant_id = ? and user_id = ?", Memberships::member, tenantId, userId);
    }

    private static void requireNotOwnerRole(TenantRole role) {
        if (role == TenantRole.OWNER) {
            throw ApiProblem.badRequest("role OWNER cannot be given directly; use POST"
                    + " /api/v1/tenants/{tenant_id}/transfer-ownership to an ADMIN.");
        }
    }

    private static MemberView member(ResultSet row, int index) throws SQLException {
        return new MemberView(row.getObject("user_id", UUID.class), TenantRole.valueOf(row.getString("role")),
                row.getTimestamp("joined_at").toInstant(), row.getTimestamp("role_since").toInstant());
    }
}
