package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.CatalogScan;
import com.bakeryia.platform.deletion.DeletionCoverageGuard;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.SqlDeletionParticipant;
import com.bakeryia.platform.deletion.UncoveredTableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The rules of the coverage guard and of the catalog scan for ids outside plain {@code uuid}
 * columns, on a schema of its own ({@code registry}, which declares no plan): a {@code uuid[]}
 * column, ids in a {@code jsonb} document, a materialized view, text named as an id; the index a
 * column looked up by a subject's id must lead; and the engine finding and replacing a person in an
 * array and in a document. Probe relations are created and dropped by each test.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogRulesTest {

    private static final DeletionPlan NO_PLAN = DeletionPlan.forServiceWithOwnDeletion("registry").build();

    @Autowired
    @Qualifier("registry")
    ServiceDatabase registry;

    @AfterEach
    void dropProbes() {
        registry.jdbc().execute("drop materialized view if exists registry.probe_totals");
        registry.jdbc().execute("drop table if exists registry.probe");
    }

    @Test
    void aUuidArrayColumnThatNoRuleNamesStopsStartUpNamingIt() {
        probe("id uuid primary key, watcher_ids uuid[]");

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, NO_PLAN))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe.watcher_ids (a uuid[] whose elements may be ids");
    }

    @Test
    void aJsonDocumentStopsStartUpNamingItUntilThePlanSaysWhereItsIdsAre() {
        probe("id uuid primary key, settings jsonb");
        registry.jdbc().execute("create index probe_settings on registry.probe using gin (settings jsonb_path_ops)");

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, NO_PLAN))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe.settings (a JSON document that may hold ids");
        assertThatNoException().isThrownBy(() -> DeletionCoverageGuard.check(registry, DeletionPlan.forService("registry")
                .user("probe", "settings", DeletionPlan.UserColumn.Action.ANONYMISE,
                        DeletionPlan.Shape.document("approver.id", "watchers[]")).build()));
    }

    @Test
    void aMaterializedViewWithTenantIdStopsStartUpNamingIt() {
        probe("id uuid primary key, tenant_id uuid not null, amount bigint");
        registry.jdbc().execute("create index probe_tenant on registry.probe (tenant_id)");
        registry.jdbc().execute("create materialized view registry.probe_totals as"
                + " select tenant_id, sum(amount) as amount from registry.probe group by tenant_id");

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, DeletionPlan.forService("registry")
                .tenantTables("probe").build()))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe_totals (materialized view, tenant_id)")
                .hasMessageNotContaining("registry.probe (");
    }

    @Test
    void aMaterializedViewCannotBeATableTheEngineDeletesFrom() {
        probe("id uuid primary key, tenant_id uuid not null");
        registry.jdbc().execute("create materialized view registry.probe_totals as select tenant_id from registry.probe");

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, DeletionPlan.forService("registry")
                .tenantTables("probe_totals").retained("probe", "tenant_id", "a probe").build()))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe_totals (materialized view, listed in the plan's tenant tables");
    }

    @Test
    void textNamedAsAnIdStopsStartUpButOtherTextDoesNot() {
        probe("id uuid primary key, subject_ref_id text, note text");

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, NO_PLAN))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe.subject_ref_id (text named as an id")
                .hasMessageNotContaining("probe.note");
    }

    @Test
    void aTablesOwnKeyAndAForeignKeyNameRowsNotPeople() {
        probe("id uuid primary key, tenant_ref uuid references registry.tenants (id)");

        assertThatNoException().isThrownBy(() -> DeletionCoverageGuard.check(registry, NO_PLAN));
    }

    @Test
    void aColumnLookedUpByASubjectsIdMustLeadAnIndexOfTheRightKind() {
        probe("id uuid primary key, tenant_id uuid not null, approved_by uuid, watcher_user_ids uuid[]");
        DeletionPlan plan = DeletionPlan.forService("registry").tenantTables("probe")
                .anonymiseUser("probe", "approved_by")
                .user("probe", "watcher_user_ids", DeletionPlan.UserColumn.Action.ANONYMISE, DeletionPlan.Shape.ARRAY)
                .build();

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, plan))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe (tenant_id leads no index")
                .hasMessageContaining("registry.probe.approved_by (names a user, but no B-tree index leads with it")
                .hasMessageContaining("registry.probe.watcher_user_ids (names a user, but no GIN index leads with it");

        registry.jdbc().execute("create index probe_tenant on registry.probe (tenant_id, id)");
        registry.jdbc().execute("create index probe_approved on registry.probe (approved_by) where approved_by is not null");
        registry.jdbc().execute("create index probe_watchers on registry.probe using gin (watcher_user_ids)");
        assertThatNoException().isThrownBy(() -> DeletionCoverageGuard.check(registry, plan));
    }

    @Test
    void aDeclaredShapeMustFitTheColumnsType() {
        probe("id uuid primary key, watcher_user_ids uuid[]");
        registry.jdbc().execute("create index probe_watchers on registry.probe using gin (watcher_user_ids)");

        assertThatThrownBy(() -> DeletionCoverageGuard.check(registry, DeletionPlan.forService("registry")
                .anonymiseUser("probe", "watcher_user_ids").build()))
                .isInstanceOf(UncoveredTableException.class)
                .hasMessageContaining("registry.probe.watcher_user_ids (declared as holding ids as value, but its type"
                        + " holds uuid array)");
    }

    @Test
    void theScanFindsAPersonInAnArrayInADocumentAndInTextNamedAsAnIdOfATableCreatedAfterStartUp() {
        UUID person = UUID.randomUUID();
        probe("id uuid primary key, watcher_ids uuid[], settings jsonb, subject_ref_id text, product_id uuid");
        registry.jdbc().update("insert into registry.probe values (?, array[?::uuid, ?::uuid], ?::jsonb, ?, ?)",
                UUID.randomUUID(), UUID.randomUUID().toString(), person.toString(),
                "{\"approvals\": [{\"by\": \"" + person + "\"}]}", person.toString(), person);

        DeletionScan scan = CatalogScan.scan("registry", registry, NO_PLAN, DeletionSubject.user(person));

        assertThat(scan.found()).containsEntry("registry.probe.watcher_ids", 1L)
                .containsEntry("registry.probe.settings", 1L)
                .containsEntry("registry.probe.subject_ref_id", 1L)
                .containsEntry("registry.probe.product_id", 1L);
    }

    @Test
    void theScanOfAPersonSkipsWhatThePlanSaysNamesNoPersonAndLooksAtDeclaredPathsOnly() {
        UUID person = UUID.randomUUID();
        probe("id uuid primary key, settings jsonb, product_id uuid");
        registry.jdbc().execute("create index probe_settings on registry.probe using gin (settings jsonb_path_ops)");
        registry.jdbc().update("insert into registry.probe values (?, ?::jsonb, ?)", UUID.randomUUID(),
                "{\"approver\": {\"id\": \"" + person + "\"}, \"note\": \"" + person + "\"}", person);
        DeletionPlan plan = DeletionPlan.forServiceWithOwnDeletion("registry")
                .handledByService("probe", "settings", DeletionPlan.Shape.document("approver.id"), "by hand")
                .retained("probe", "product_id", "a product, not a person")
                .build();

        DeletionScan scan = CatalogScan.scan("registry", registry, plan, DeletionSubject.user(person));

        assertThat(scan.found()).containsOnlyKeys("registry.probe.settings");
        registry.jdbc().update("update registry.probe set settings = jsonb_set(settings, '{approver,id}', to_jsonb(?::text))",
                UserTombstone.ID.toString());
        // The note still holds the id, but the plan says ids are at approver.id only: not a place the scan looks.
        assertThat(CatalogScan.scan("registry", registry, plan, DeletionSubject.user(person)).found()).isEmpty();
    }

    @Test
    void theTenantScanCountsTheRowsOfAMaterializedView() {
        UUID tenant = UUID.randomUUID();
        probe("id uuid primary key, tenant_id uuid not null, amount bigint");
        registry.jdbc().update("insert into registry.probe values (?, ?, 5)", UUID.randomUUID(), tenant);
        registry.jdbc().execute("create materialized view registry.probe_totals as"
                + " select tenant_id, sum(amount) as amount from registry.probe group by tenant_id");
        registry.jdbc().update("delete from registry.probe where tenant_id = ?", tenant);

        DeletionScan scan = CatalogScan.scan("registry", registry, NO_PLAN, DeletionSubject.tenant(tenant));

        assertThat(scan.found()).containsOnly(Map.entry("registry.probe_totals.tenant_id", 1L));
    }

    @Test
    void theEngineAnonymisesAPersonInAnArrayAndInADocumentAndDeletesRowsThatNameThemInADocument() {
        UUID person = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        probe("id uuid primary key, watcher_user_ids uuid[], settings jsonb");
        registry.jdbc().execute("create table registry.probe_notes (id uuid primary key, about jsonb)");
        try {
            registry.jdbc().update("insert into registry.probe values (?, array[?::uuid, ?::uuid], ?::jsonb)",
                    UUID.randomUUID(), person.toString(), other.toString(),
                    "{\"approvals\": [{\"by\": \"" + person + "\"}, {\"by\": \"" + other + "\"}]}");
            registry.jdbc().update("insert into registry.probe values (?, array[?::uuid], '{}'::jsonb)", UUID.randomUUID(),
                    other.toString());
            registry.jdbc().update("insert into registry.probe_notes values (?, ?::jsonb), (?, ?::jsonb)",
                    UUID.randomUUID(), "{\"for\": \"" + person + "\"}", UUID.randomUUID(), "{\"for\": \"" + other + "\"}");
            DeletionPlan plan = DeletionPlan.forService("registry")
                    .user("probe", "watcher_user_ids", DeletionPlan.UserColumn.Action.ANONYMISE, DeletionPlan.Shape.ARRAY)
                    .user("probe", "settings", DeletionPlan.UserColumn.Action.ANONYMISE,
                            DeletionPlan.Shape.document("approvals[].by"))
                    .user("probe_notes", "about", DeletionPlan.UserColumn.Action.DELETE, DeletionPlan.Shape.document("for"))
                    .build();
            SqlDeletionParticipant engine = new SqlDeletionParticipant(registry, plan, 1, Clock.systemUTC());

            assertThat(engine.preview(DeletionSubject.user(person)).toAnonymise()).containsEntry("registry.probe", 2L);
            DeletionResult result = engine.delete(DeletionSubject.user(person));

            assertThat(result.anonymised()).containsEntry("registry.probe", 2L);
            assertThat(result.deleted()).containsEntry("registry.probe_notes", 1L);
            assertThat(engine.preview(DeletionSubject.user(person)).remaining()).isZero();
            assertThat(registry.jdbc().queryForObject("select count(*) from registry.probe where watcher_user_ids"
                    + " @> array[?::uuid, ?::uuid]", Long.class, UserTombstone.ID.toString(), other.toString())).isEqualTo(1);
            assertThat(registry.jdbc().queryForObject("select count(*) from registry.probe where settings @> ?::jsonb",
                    Long.class, "{\"approvals\": [{\"by\": \"" + UserTombstone.ID + "\"}, {\"by\": \"" + other + "\"}]}"))
                    .isEqualTo(1);
            assertThat(registry.jdbc().queryForList("select about->>'for' from registry.probe_notes", String.class))
                    .containsExactly(other.toString());
            assertThat(engine.preview(DeletionSubject.user(other)).toAnonymise()).containsEntry("registry.probe", 3L);
        } finally {
            registry.jdbc().execute("drop table registry.probe_notes");
        }
    }

    private void probe(String columns) {
        registry.jdbc().execute("create table registry.probe (" + columns + ")");
    }
}
