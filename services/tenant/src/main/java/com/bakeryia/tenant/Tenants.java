package com.bakeryia.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.retention.Country;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/** The tenants in {@code tenant.tenants}, with their owner membership and subscription. */
@Repository
class Tenants {

    /** The plan a new tenant starts on. */
    static final String DEFAULT_PLAN = "STARTER";

    private static final String COLUMNS = "t.id, t.name, t.owner_user_id, t.status, t.created_at, t.deletion_scheduled_for, t.country";

    private final ServiceDatabase db;
    private final Clock clock;

    Tenants(@Qualifier("tenant") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Creates the tenant in the jurisdiction of {@code country}, makes the user its OWNER and starts
     * its subscription, in one transaction.
     */
    TenantRecord create(String name, UUID ownerUserId, Country country) {
        Instant now = clock.instant();
        TenantRecord tenant = new TenantRecord(UUID.randomUUID(), name, ownerUserId, TenantStatus.ACTIVE, now, null,
                country.code());
        Timestamp at = Timestamp.from(now);
        db.transactions().executeWithoutResult(status -> {
            db.jdbc().update("insert into tenant.tenants (id, name, owner_user_id, status, created_at, country)"
                    + " values (?, ?, ?, ?, ?, ?)", tenant.id(), name, ownerUserId, TenantStatus.ACTIVE.name(), at, country.code());
            db.jdbc().update("insert into tenant.memberships (tenant_id, user_id, role, joined_at, role_since)"
                    + " values (?, ?, ?, ?, ?)", tenant.id(), ownerUserId, TenantRole.OWNER.name(), at, at);
            db.jdbc().update("insert into tenant.subscriptions (id, tenant_id, plan, status, created_at)"
                    + " values (?, ?, ?, 'ACTIVE', ?)", UUID.randomUUID(), tenant.id(), DEFAULT_PLAN, at);
        });
        return tenant;
    }

    Optional<TenantRecord> find(UUID tenantId) {
        return db.jdbc().query("select " + COLUMNS + " from tenant.tenants t where t.id = ?", Tenants::tenant, tenantId)
                .stream().findFirst();
    }

    /**
     * The caller in relation to the tenant, or a 404 when the tenant does not exist. With
     * {@code lock} the tenant row is locked for the rest of the current transaction: every change
     * to a tenant's memberships takes this lock first, so such changes run one at a time per tenant.
     */
    TenantCaller caller(UUID tenantId, CallerPrincipal principal, boolean lock) {
        TenantRecord tenant = db.jdbc().query("select " + COLUMNS + " from tenant.tenants t where t.id = ?"
                        + (lock ? " for update" : ""), Tenants::tenant, tenantId)
                .stream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
        TenantRole role = principal.userId().flatMap(userId -> roleOf(tenantId, userId)).orElse(null);
        return new TenantCaller(tenant, principal, role);
    }

    /**
     * Marks the tenant DELETING for a caller allowed to delete it (its OWNER and ADMINs, and
     * services), in one transaction with the tenant row locked; a tenant already DELETING stays so.
     * From then on no service accepts writes for it and its members can no longer act on it.
     *
     * @throws com.bakeryia.platform.web.ApiProblem 404 when the tenant does not exist, 403 for other callers
     */
    TenantRecord markDeleting(UUID tenantId, CallerPrincipal principal) {
        return db.transactions().execute(status -> {
            TenantCaller caller = caller(tenantId, principal, true);
            if (!caller.isService()) {
                caller.requireManager("delete the tenant");
            }
            db.jdbc().update("update tenant.tenants set status = ?, deletion_scheduled_for = null where id = ? and status <> ?",
                    TenantStatus.DELETING.name(), tenantId, TenantStatus.DELETING.name());
            return find(tenantId).orElseThrow();
        });
    }

    /**
     * Schedules the tenant's deletion (services: the deletion orchestrator): PENDING_DELETION until
     * {@code deletionAt}, no more writes, members still read. A tenant already PENDING_DELETION keeps
     * its first deadline.
     *
     * @throws com.bakeryia.platform.web.ApiProblem 404 for no such tenant, 409 when it is already DELETING
     */
    TenantRecord scheduleDeletion(UUID tenantId, CallerPrincipal principal, Instant deletionAt) {
        return db.transactions().execute(status -> {
            TenantRecord tenant = caller(tenantId, principal, true).tenant();
            if (tenant.status() == TenantStatus.DELETING) {
                throw ApiProblem.conflict("Tenant " + tenantId + " is already DELETING; its deletion cannot be scheduled.");
            }
            db.jdbc().update("update tenant.tenants set status = ?, deletion_scheduled_for = ? where id = ? and status = ?",
                    TenantStatus.PENDING_DELETION.name(), Timestamp.from(deletionAt), tenantId,
                    TenantStatus.ACTIVE.name());
            return find(tenantId).orElseThrow();
        });
    }

    /**
     * Makes a PENDING_DELETION tenant ACTIVE again (services: the deletion orchestrator, after it
     * cancelled the scheduled job); an ACTIVE tenant stays so.
     *
     * @throws com.bakeryia.platform.web.ApiProblem 404 for no such tenant, 409 when it is already DELETING
     */
    TenantRecord restore(UUID tenantId, CallerPrincipal principal) {
        return db.transactions().execute(status -> {
            TenantRecord tenant = caller(tenantId, principal, true).tenant();
            if (tenant.status() == TenantStatus.DELETING) {
                throw ApiProblem.conflict("Tenant " + tenantId + " is DELETING: its data is being deleted and it cannot"
                        + " be restored.");
            }
            db.jdbc().update("update tenant.tenants set status = ?, deletion_scheduled_for = null where id = ?",
                    TenantStatus.ACTIVE.name(), tenantId);
            return find(tenantId).orElseThrow();
        });
    }

    /**
     * Gives every tenant without a jurisdiction the default one; the number of tenants it gave it
     * to. Idempotent: tenants created before tenants had a country get it once, on the first start
     * after the upgrade, and keep it when the default changes later.
     */
    int assignCountryWhereMissing(Country defaultCountry) {
        return db.jdbc().update("update tenant.tenants set country = ? where country is null", defaultCountry.code());
    }

    Optional<TenantRole> roleOf(UUID tenantId, UUID userId) {
        return db.jdbc().queryForList("select role from tenant.memberships where tenant_id = ? and user_id = ?",
                String.class, tenantId, userId).stream().findFirst().map(TenantRole::valueOf);
    }

    /** A page of the user's tenants with their role in each, oldest membership first. */
    List<TenantView> ofUser(UUID userId, int limit, int offset) {
        return db.jdbc().query("select " + COLUMNS + ", m.role from tenant.memberships m"
                        + " join tenant.tenants t on t.id = m.tenant_id where m.user_id = ? order by m.joined_at, t.id"
                        + " limit ? offset ?",
                (row, i) -> TenantView.of(tenant(row, i), TenantRole.valueOf(row.getString("role"))), userId, limit, offset);
    }

    static TenantRecord tenant(ResultSet row, int index) throws SQLException {
        return new TenantRecord(row.getObject("id", UUID.class), row.getString("name"),
                row.getObject("owner_user_id", UUID.class), TenantStatus.valueOf(row.getString("status")),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("deletion_scheduled_for") == null ? null : row.getTimestamp("deletion_scheduled_for").toInstant(),
                row.getString("country"));
    }
}
