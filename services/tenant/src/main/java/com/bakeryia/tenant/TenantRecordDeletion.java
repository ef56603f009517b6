package com.bakeryia.tenant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The tenant service's own part of deleting a tenant, callable in-process (the deletion
 * orchestrator runs it last, after every other service has confirmed) and behind
 * {@code DELETE /api/v1/tenants/{tenant_id}}. In one transaction it cancels the subscription,
 * deletes it and every membership and the tenant row, records who did it and when in
 * {@code tenant.tenant_deletions}, and writes a {@code tenant.deleted} event to the outbox.
 * It does not check the caller's rights: callers do. Idempotent: for a tenant already deleted
 * it answers the earlier record with {@code already_deleted = true}.
 */
@Component
public class TenantRecordDeletion {

    /** The outbox event type written when a tenant is deleted. */
    public static final String TENANT_DELETED = "tenant.deleted";

    private static final Logger log = LoggerFactory.getLogger(TenantRecordDeletion.class);

    private final ServiceDatabase db;
    private final TenantAccessGuard guard;
    private final JsonMapper json;
    private final Clock clock;

    TenantRecordDeletion(@Qualifier("tenant") ServiceDatabase db, TenantAccessGuard guard, JsonMapper json, Clock clock) {
        this.db = db;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Deletes the tenant's records in the tenant service.
     *
     * @throws ApiProblem 404 when no such tenant exists or ever was deleted here
     */
    public TenantDeletionSummary delete(UUID tenantId, CallerPrincipal actor) {
        Instant startedAt = clock.instant();
        TenantDeletionSummary summary = db.transactions().execute(status -> {
            boolean exists = !db.jdbc().queryForList("select id from tenant.tenants where id = ? for update",
                    UUID.class, tenantId).isEmpty();
            if (!exists) {
                return previous(tenantId).orElseThrow(() ->
                        ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
            }
            Timestamp now = Timestamp.from(clock.instant());
            int cancelled = db.jdbc().update("update tenant.subscriptions set status = 'CANCELLED', cancelled_at = ?"
                    + " where tenant_id = ? and status = 'ACTIVE'", now, tenantId);
            int subscriptions = db.jdbc().update("delete from tenant.subscriptions where tenant_id = ?", tenantId);
            int memberships = db.jdbc().update("delete from tenant.memberships where tenant_id = ?", tenantId);
            db.jdbc().update("delete from tenant.tenants where id = ?", tenantId);
            Instant finishedAt = clock.instant();
            var done = new TenantDeletionSummary(tenantId, actor.subject(), actor.kind(), false, cancelled,
                    subscriptions, memberships, true, startedAt, finishedAt);
            db.jdbc().update("insert into tenant.tenant_deletions (tenant_id, deleted_by, actor_kind, started_at,"
                    + " finished_at, subscriptions_cancelled, subscriptions_deleted, memberships_deleted)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)", tenantId, actor.subject(), actor.kind().name(),
                    Timestamp.from(startedAt), Timestamp.from(finishedAt), cancelled, subscriptions, memberships);
            db.jdbc().update("insert into tenant.outbox_events (event_type, aggregate_id, payload, created_at)"
                    + " values (?, ?, ?::jsonb, ?)", TENANT_DELETED, tenantId, json.writeValueAsString(done),
                    Timestamp.from(finishedAt));
            return done;
        });
        guard.evict(tenantId);
        if (!summary.alreadyDeleted()) {
            log.info("Tenant {} deleted by {} {}: {} membership(s), {} subscription(s) cancelled", tenantId,
                    actor.kind(), actor.subject(), summary.membershipsDeleted(), summary.subscriptionsCancelled());
        }
        return summary;
    }

    private Optional<TenantDeletionSummary> previous(UUID tenantId) {
        return db.jdbc().query("select * from tenant.tenant_deletions where tenant_id = ?",
                (row, i) -> new TenantDeletionSummary(tenantId, row.getString("deleted_by"),
                        PrincipalKind.valueOf(row.getString("actor_kind")), true,
                        row.getInt("subscriptions_cancelled"), row.getInt("subscriptions_deleted"),
                        row.getInt("memberships_deleted"), true, row.getTimestamp("started_at").toInstant(),
                        row.getTimestamp("finished_at").toInstant()), tenantId).stream().findFirst();
    }
}
