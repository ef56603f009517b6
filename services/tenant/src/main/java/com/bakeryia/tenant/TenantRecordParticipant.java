package com.bakeryia.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionRunCounts;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.security.PrincipalKind;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The tenant service as the deletion orchestrator's last step, participant {@code tenant}: its
 * preview counts the tenant's row, memberships and subscriptions; its delete runs
 * {@link TenantRecordDeletion} (cancel the subscription, delete memberships and tenant, publish
 * {@code tenant.deleted}). Idempotent: for a tenant already gone it deletes 0 rows and succeeds.
 * Served to services at {@code DELETE /api/v1/tenant/tenant/{tenant_id}} by the platform. It is not
 * in {@code bakery.orchestrator.participants}: it runs once, after every data service has deleted
 * and verification found zero, because the tenant record is the index of what still exists.
 *
 * <p>In a user's deletion the memberships are removed earlier, by the job's PREPARE step
 * ({@code DELETE /api/v1/tenants/user/{user_id}/memberships}, with the rules for tenants the user
 * owns); here a user's preview counts the memberships still left, so the job's verification fails
 * if one survived, and its delete leaves them to that step. What the delete does change, and the
 * preview counts as to anonymise: the user's id as who deleted a tenant, in
 * {@code tenant.tenant_deletions.deleted_by} and in the {@code deleted_by} of outbox event
 * payloads, is replaced by the tombstone (one transaction), so the deletion records outlive the
 * person without naming them. A service client id there is not a person and stays.
 */
@Component
class TenantRecordParticipant implements DeletionParticipant {

    static final String SERVICE = "tenant";

    /** Recorded as the actor in {@code tenant.tenant_deletions}; the job record names who asked. */
    static final CallerPrincipal ORCHESTRATOR = new CallerPrincipal(PrincipalKind.SERVICE, "deletion-orchestrator");

    private final ServiceDatabase db;
    private final TenantRecordDeletion deletion;
    private final Clock clock;
    private final DeletionRunCounts runCounts;

    TenantRecordParticipant(@Qualifier("tenant") ServiceDatabase db, TenantRecordDeletion deletion, Clock clock) {
        this.db = db;
        this.runCounts = new DeletionRunCounts(db);
        this.deletion = deletion;
        this.clock = clock;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public DeletionPreview preview(DeletionSubject subject) {
        Map<String, Long> toDelete = new LinkedHashMap<>();
        Map<String, Long> toAnonymise = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.TENANT) {
            toDelete.put("tenant.subscriptions", count("select count(*) from tenant.subscriptions where tenant_id = ?", subject.id()));
            toDelete.put("tenant.memberships", count("select count(*) from tenant.memberships where tenant_id = ?", subject.id()));
            toDelete.put("tenant.tenants", count("select count(*) from tenant.tenants where id = ?", subject.id()));
        } else {
            toDelete.put("tenant.memberships", count("select count(*) from tenant.memberships where user_id = ?", subject.id()));
            String user = subject.id().toString();
            toAnonymise.put("tenant.tenant_deletions", count(
                    "select count(*) from tenant.tenant_deletions where deleted_by = ?", user));
            toAnonymise.put("tenant.outbox_events", count(
                    "select count(*) from tenant.outbox_events where payload @> jsonb_build_object('deleted_by', ?::text)",
                    user));
        }
        return new DeletionPreview(SERVICE, subject.scope(), subject.id(), toDelete, toAnonymise, Map.of());
    }

    @Override
    public DeletionResult delete(DeletionSubject subject, UUID runId) {
        Instant startedAt = clock.instant();
        if (subject.scope() != DeletionScope.TENANT) {
            // Nothing to delete here: the PREPARE step removed the memberships, with the owner rules.
            forgetAsDeleter(subject.id(), runId);
        } else if (count("select count(*) from tenant.tenants where id = ?", subject.id()) > 0) {
            // The run's counts commit with the deletion, so a retry after a lost answer still reports it.
            db.transactions().executeWithoutResult(status -> {
                TenantDeletionSummary summary = deletion.delete(subject.id(), ORCHESTRATOR);
                if (!summary.alreadyDeleted()) {
                    runCounts.add(runId, "tenant.subscriptions", summary.subscriptionsDeleted(), 0);
                    runCounts.add(runId, "tenant.memberships", summary.membershipsDeleted(), 0);
                    runCounts.add(runId, "tenant.tenants", 1, 0);
                }
            });
        }
        Map<String, Long> deleted = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.TENANT) {
            deleted.put("tenant.subscriptions", 0L);
            deleted.put("tenant.memberships", 0L);
            deleted.put("tenant.tenants", 0L);
        }
        DeletionRunCounts.Counts counts = runCounts.of(runId);
        deleted.putAll(counts.deleted());
        Map<String, Long> anonymised = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.USER) {
            anonymised.put("tenant.tenant_deletions", 0L);
            anonymised.put("tenant.outbox_events", 0L);
        }
        anonymised.putAll(counts.anonymised());
        Instant completedAt = clock.instant();
        return new DeletionResult(SERVICE, subject.scope(), subject.id(), deleted, anonymised, Map.of(), List.of(),
                startedAt, completedAt, Duration.between(startedAt, completedAt).toMillis());
    }

    /** Replaces the user's id as who deleted a tenant by the tombstone, in the record and in the events. */
    private void forgetAsDeleter(UUID userId, UUID runId) {
        String user = userId.toString();
        String tombstone = UserTombstone.ID.toString();
        db.transactions().executeWithoutResult(status -> {
            runCounts.add(runId, "tenant.tenant_deletions", 0, db.jdbc().update(
                    "update tenant.tenant_deletions set deleted_by = ? where deleted_by = ?", tombstone, user));
            runCounts.add(runId, "tenant.outbox_events", 0, db.jdbc().update(
                    "update tenant.outbox_events set payload = jsonb_set(payload, '{deleted_by}', to_jsonb(?::text))"
                            + " where payload @> jsonb_build_object('deleted_by', ?::text)", tombstone, user));
        });
    }

    private long count(String sql, Object key) {
        Long count = db.jdbc().queryForObject(sql, Long.class, key);
        return count == null ? 0 : count;
    }
}
