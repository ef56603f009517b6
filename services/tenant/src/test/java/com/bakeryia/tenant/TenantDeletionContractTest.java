package com.bakeryia.tenant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.tenancy.UserMemberships;
import com.bakeryia.testsupport.deletion.TenantDataParticipantContractTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The deletion contract for the tenant participant. A seeded tenant has an owner, each person as a
 * MEMBER and a subscription; each person has also deleted a former tenant (its record and its
 * {@code tenant.deleted} event name them as who deleted it).
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = RANDOM_PORT)
class TenantDeletionContractTest extends TenantDataParticipantContractTest {

    TenantDeletionContractTest() {
        super(TenantRecordParticipant.SERVICE);
    }

    @Override
    protected void seed(UUID tenantId, List<UUID> people) {
        Timestamp now = Timestamp.from(Instant.now());
        database().transactions().executeWithoutResult(status -> {
            UUID owner = UUID.randomUUID();
            int created = database().jdbc().update("insert into tenant.tenants (id, name, owner_user_id, status, created_at)"
                    + " values (?, 'Contract Bakery', ?, 'ACTIVE', ?) on conflict do nothing", tenantId, owner, now);
            if (created == 1) {
                member(tenantId, owner, "OWNER", now);
            }
            people.forEach(person -> member(tenantId, person, "MEMBER", now));
            database().jdbc().update("insert into tenant.subscriptions (id, tenant_id, plan, status, created_at)"
                    + " values (?, ?, 'basic', 'ACTIVE', ?)", UUID.randomUUID(), tenantId, now);
        });
        people.forEach(person -> formerTenantDeletedBy(person.toString()));
    }

    /** The tenant record itself is keyed by its id, not by tenant_id. */
    @Override
    protected Map<String, String> tenantKeyColumns() {
        Map<String, String> tables = new LinkedHashMap<>(super.tenantKeyColumns());
        tables.put("tenants", "id");
        return tables;
    }

    /** The user job's PREPARE step removes the user's memberships before the DELETE step. */
    @Override
    protected void prepareUserDeletion(UUID userId) {
        assertThat(context().getBean(UserMemberships.class).removeAll(userId).blockingTenantIds()).isEmpty();
    }

    @Test
    void aRepeatedMembershipRemovalOfTheSameRunReportsWhatTheRunRemovedAndARepeatedTenantDeleteItsRecord() {
        UUID leaving = UUID.randomUUID();
        seed(UUID.randomUUID(), List.of(leaving));
        seed(UUID.randomUUID(), List.of(leaving));
        UUID run = UUID.randomUUID();
        UserMemberships memberships = context().getBean(UserMemberships.class);

        // The first call's answer is lost (as when a worker dies): the second, of the same run, still counts both.
        assertThat(memberships.removeAll(leaving, run).removed()).isEqualTo(2);
        assertThat(memberships.removeAll(leaving, run).removed()).as("the run's count, not this call's").isEqualTo(2);
        assertThat(memberships.removeAll(leaving).removed()).as("a run of its own removes nothing more").isZero();

        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        UUID tenantRun = UUID.randomUUID();
        DeletionResult first = participant().delete(DeletionSubject.tenant(tenant), tenantRun);
        DeletionResult again = participant().delete(DeletionSubject.tenant(tenant), tenantRun);
        assertThat(first.deleted()).containsEntry("tenant.tenants", 1L).containsEntry("tenant.memberships", 2L);
        assertThat(again.deleted()).as("the same run: what it deleted, though nothing was left").isEqualTo(first.deleted());
        assertThat(participant().delete(DeletionSubject.tenant(tenant)).totalDeleted()).isZero();
    }

    @Test
    void erasingAUserReplacesTheirIdAsWhoDeletedATenantInTheRecordAndInTheEventButNotAServiceClientId() {
        UUID leaving = UUID.randomUUID();
        seed(UUID.randomUUID(), List.of(leaving));
        prepareUserDeletion(leaving);
        UUID theirs = formerTenantDeletedBy(leaving.toString());
        UUID byService = formerTenantDeletedBy("ops-console");

        DeletionResult result = participant().delete(DeletionSubject.user(leaving));

        assertThat(result.anonymised()).isEqualTo(Map.of("tenant.tenant_deletions", 2L, "tenant.outbox_events", 2L));
        assertThat(deletedBy(theirs)).isEqualTo(List.of(UserTombstone.ID.toString(), UserTombstone.ID.toString()));
        assertThat(deletedBy(byService)).isEqualTo(List.of("ops-console", "ops-console"));
        assertThat(participant().preview(DeletionSubject.user(leaving)).remaining()).isZero();
    }

    private void member(UUID tenantId, UUID userId, String role, Timestamp now) {
        database().jdbc().update("insert into tenant.memberships (tenant_id, user_id, role, joined_at, role_since)"
                + " values (?, ?, ?, ?, ?) on conflict do nothing", tenantId, userId, role, now, now);
    }

    /** A deletion record and its event for a tenant that is gone, naming {@code actor} as who deleted it. */
    private UUID formerTenantDeletedBy(String actor) {
        UUID former = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        String kind = actor.equals("ops-console") ? "SERVICE" : "USER";
        database().jdbc().update("insert into tenant.tenant_deletions (tenant_id, deleted_by, actor_kind, started_at,"
                + " finished_at, subscriptions_cancelled, subscriptions_deleted, memberships_deleted)"
                + " values (?, ?, ?, ?, ?, 1, 1, 1)", former, actor, kind, now, now);
        database().jdbc().update("insert into tenant.outbox_events (event_type, aggregate_id, payload, created_at)"
                + " values (?, ?, jsonb_build_object('tenant_id', ?::text, 'deleted_by', ?::text, 'actor_kind', ?::text), ?)",
                TenantRecordDeletion.TENANT_DELETED, former, former.toString(), actor, kind, now);
        return former;
    }

    /** Who deleted the former tenant, in its record and then in its event. */
    private List<String> deletedBy(UUID former) {
        return List.of(
                database().jdbc().queryForObject("select deleted_by from tenant.tenant_deletions where tenant_id = ?",
                        String.class, former),
                database().jdbc().queryForObject("select payload ->> 'deleted_by' from tenant.outbox_events"
                        + " where aggregate_id = ?", String.class, former));
    }
}
