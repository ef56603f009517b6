package com.bakeryia.testsupport.deletion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionCoverageGuard;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.deletion.DeletionProperties;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.deletion.UncoveredTableException;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every deletion participant keeps, run against the real service on the real
 * PostgreSQL. A subclass names the service and is a {@code @SpringBootTest} (with a web
 * environment, for the HTTP binding) of an application that runs it:
 *
 * For example {@code class OrdersDeletionContractTest extends GeneratedDataParticipantContractTest}.
 *
 * A participant runs exactly one of three suites, so no test of this family is ever skipped:
 * {@link GeneratedDataParticipantContractTest} (the 12 data services: tenant data written by their
 * own {@link DemoDataContributor}, whose tests come with it), {@link TenantDataParticipantContractTest}
 * (tenant data seeded by the subclass: the tenant service) and {@link UserDataParticipantContractTest}
 * (no tenant data at all: auth). Data comes from {@link #seed}; counts come from the live catalog (every table with a {@code tenant_id} or people
 * column), not from the plan, so a table the plan forgot shows up as rows left behind.
 *
 * <p>Where a participant legitimately differs, a subclass overrides a hook rather than a test:
 * {@link #tenantKeyColumns} (which tables a tenant deletion empties, and by which column),
 * {@link #prepareUserDeletion} (what a user job does before this service's DELETE step). A service
 * that holds no tenant data (auth) gets the tests that say it counts and deletes nothing for a
 * tenant instead of those that need rows.
 */
public abstract sealed class DeletionParticipantContractTest
        permits TenantDataParticipantContractTest, UserDataParticipantContractTest {

    final String service;

    @Autowired
    private ApplicationContext context;

    protected DeletionParticipantContractTest(String service) {
        this.service = service;
    }

    @Test
    void previewCountsEqualWhatDeleteRemoves() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        Map<String, Long> before = countsOfTenant(tenant);

        DeletionPreview preview = participant().preview(DeletionSubject.tenant(tenant));
        DeletionResult result = participant().delete(DeletionSubject.tenant(tenant));

        assertThat(result.errors()).isEmpty();
        assertThat(before.values().stream().mapToLong(Long::longValue).sum() > 0).as("seeded rows").isEqualTo(holdsTenantData());
        assertThat(preview.toDelete()).isEqualTo(qualified(before));
        assertThat(result.deleted()).isEqualTo(preview.toDelete());
        assertThat(countsOfTenant(tenant)).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(participant().preview(DeletionSubject.tenant(tenant)).remaining()).isZero();
    }

    @Test
    void deletingATenantWithNoRowsSucceedsWithZeroCounts() {
        UUID empty = UUID.randomUUID();

        DeletionResult result = participant().delete(DeletionSubject.tenant(empty));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.totalDeleted()).isZero();
        assertThat(result.service()).isEqualTo(service);
        assertThat(result.subjectId()).isEqualTo(empty);
    }

    @Test
    void anotherTenantsRowsAreUntouched() {
        UUID doomed = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        seed(doomed, List.of(UUID.randomUUID()));
        seed(kept, List.of(UUID.randomUUID()));
        Map<String, Long> keptBefore = countsOfTenant(kept);
        Map<String, Long> totalsBefore = totalRowsByTable();
        Map<String, Long> doomedBefore = countsOfTenant(doomed);

        participant().delete(DeletionSubject.tenant(doomed));

        assertThat(countsOfTenant(kept)).isEqualTo(keptBefore);
        Map<String, Long> expectedTotals = new LinkedHashMap<>(totalsBefore);
        doomedBefore.forEach((table, count) -> expectedTotals.merge(table, -count, Long::sum));
        assertThat(totalRowsByTable()).isEqualTo(expectedTotals);
    }

    @Test
    void userDeletionRemovesOrAnonymisesOnlyThatUser() {
        UUID tenant = UUID.randomUUID();
        UUID leaving = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        seed(tenant, List.of(leaving, staying));
        prepareUserDeletion(leaving);
        Map<String, Long> stayingBefore = countsByPeopleColumn(staying);
        Map<String, Long> tenantBefore = countsOfTenant(tenant);

        DeletionPreview preview = participant().preview(DeletionSubject.user(leaving));
        DeletionResult result = participant().delete(DeletionSubject.user(leaving));

        assertThat(result.errors()).isEmpty();
        assertThat(nonZero(result.deleted())).isEqualTo(nonZero(preview.toDelete()));
        assertThat(nonZero(result.anonymised())).isEqualTo(nonZero(preview.toAnonymise()));
        assertThat(participant().preview(DeletionSubject.user(leaving)).remaining()).isZero();
        assertThat(countsByPeopleColumn(leaving)).allSatisfy((column, count) -> assertThat(count).as(column).isZero());
        assertThat(countsByPeopleColumn(staying)).isEqualTo(stayingBefore);
        Map<String, Long> expectedTenantRows = new LinkedHashMap<>(tenantBefore);
        result.deleted().forEach((table, count) -> expectedTenantRows.computeIfPresent(unqualified(table), (t, c) -> c - count));
        assertThat(countsOfTenant(tenant)).isEqualTo(expectedTenantRows);
        assertThat(participant().delete(DeletionSubject.user(leaving)).totalDeleted()
                + participant().delete(DeletionSubject.user(leaving)).totalAnonymised()).isZero();
        List<String> peopleTables = peopleColumns().stream().map(column -> column.substring(0, column.indexOf('.'))).toList();
        long anonymisedInPeopleColumns = result.anonymised().entrySet().stream()
                .filter(entry -> peopleTables.contains(unqualified(entry.getKey()))).mapToLong(Map.Entry::getValue).sum();
        assertThat(countsByPeopleColumn(UserTombstone.ID).values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(anonymisedInPeopleColumns);
    }

    @Test
    void theShippedSchemaPassesTheCoverageGuardAtStartUp() {
        startUp();

        DeletionCoverageGuard.check(database(), plan());
    }

    @Test
    void coverageGuardStopsStartUpNamingATenantTableMissingFromThePlan() {
        String probe = database().schema() + ".contract_probe_uncovered";
        database().jdbc().execute("create table " + probe + " (id uuid primary key, tenant_id uuid not null)");
        try {
            assertThatThrownBy(this::startUp)
                    .isInstanceOf(UncoveredTableException.class)
                    .hasMessageContaining(probe + " (tenant_id)");
        } finally {
            database().jdbc().execute("drop table " + probe);
        }
        startUp();
    }

    @Test
    void coverageGuardStopsStartUpNamingAnUndeclaredPeopleColumn() {
        String probe = database().schema() + ".contract_probe_people";
        database().jdbc().execute("create table " + probe + " (id uuid primary key, approved_by uuid)");
        try {
            assertThatThrownBy(this::startUp)
                    .isInstanceOf(UncoveredTableException.class)
                    .hasMessageContaining(probe + ".approved_by (names a user)");
        } finally {
            database().jdbc().execute("drop table " + probe);
        }
    }

    @Test
    void coverageGuardStopsStartUpNamingAnUndeclaredEmailColumn() {
        String probe = database().schema() + ".contract_probe_email";
        database().jdbc().execute("create table " + probe + " (id uuid primary key, contact_email text)");
        try {
            assertThatThrownBy(this::startUp)
                    .isInstanceOf(UncoveredTableException.class)
                    .hasMessageContaining(probe + ".contact_email (holds an e-mail address)");
        } finally {
            database().jdbc().execute("drop table " + probe);
        }
    }

    @Test
    void httpBindingServesPreviewAndDeleteToServicesOnly() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        ApiClient api = ApiClient.onPort(port());
        JwtTokens tokens = context.getBean(JwtTokens.class);
        String serviceToken = tokens.issueServiceToken("contract-test").value();
        // A real, ACTIVE account: a token naming no account is refused (401) before any rule applies.
        String userToken = com.bakeryia.testsupport.fixtures.TenantFixture.register(api, "contract",
                UUID.randomUUID().toString().substring(0, 8)).accessToken();
        String base = "/api/v1/" + service + "/tenant/" + tenant;

        assertThat(api.delete(base, null).status()).isEqualTo(401);
        assertThat(api.delete(base, userToken).status()).isEqualTo(403);
        ApiClient.Response preview = api.get(base + "/deletion-preview", serviceToken);
        assertThat(preview.status()).isEqualTo(200);
        long previewed = sum(preview.json().path("to_delete"));
        assertThat(previewed > 0).as("rows previewed for the tenant").isEqualTo(holdsTenantData());

        ApiClient.Response deleted = api.delete(base, serviceToken);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("service").asText()).isEqualTo(service);
        assertThat(sum(deleted.json().path("deleted"))).isEqualTo(previewed);
        assertThat(api.get("/api/v1/" + service + "/tenant/not-a-uuid/deletion-preview", serviceToken).status()).isEqualTo(400);
    }

    // --- fixtures -------------------------------------------------------------------------

    /** Fills the tenant with the service's generated data; override to seed differently. */
    protected void seed(UUID tenantId, List<UUID> people) {
        contributor().generate(tenantId, DemoDataSize.SMALL, people);
    }

    /**
     * What the user's deletion job does before this service's DELETE step (the tenant service's
     * memberships are removed in PREPARE); nothing by default.
     */
    protected void prepareUserDeletion(UUID userId) {
    }

    /**
     * The tables a tenant deletion empties, each with the column that holds the tenant's id: by
     * default every table with {@code tenant_id} (live catalog) except those the plan declares as
     * retained (a deletion record). A service whose own record of the tenant is keyed otherwise adds it.
     */
    protected Map<String, String> tenantKeyColumns() {
        List<String> retained = plan().outsideEngine().stream()
                .filter(entry -> entry.column().equals("tenant_id") && entry.handling() == DeletionPlan.OutsideEngine.Handling.RETAINED)
                .map(DeletionPlan.OutsideEngine::table).toList();
        Map<String, String> tables = new LinkedHashMap<>();
        tablesWithColumn("tenant_id").stream().filter(table -> !retained.contains(table))
                .forEach(table -> tables.put(table, "tenant_id"));
        return tables;
    }

    /** Whether the service holds tenant data at all (auth does not); each of the three suites says. */
    protected abstract boolean holdsTenantData();

    protected DeletionParticipant participant() {
        return context.getBean(LocalDeletionParticipants.class).find(service)
                .orElseThrow(() -> new AssertionError("No deletion participant " + service + " in the context"));
    }

    protected ServiceDatabase database() {
        return BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getAutowireCapableBeanFactory(),
                ServiceDatabase.class, service);
    }

    /** The plan the coverage guard checks the service's schema against (empty when it declares none). */
    protected DeletionPlan plan() {
        return context.getBean(LocalDeletionParticipants.class).plan(service);
    }

    protected ApplicationContext context() {
        return context;
    }

    /** What start-up does with the deletion beans of the context: the coverage guard runs on every schema. */
    private void startUp() {
        new LocalDeletionParticipants(List.copyOf(context.getBeansOfType(DeletionPlan.class).values()),
                List.copyOf(context.getBeansOfType(DeletionParticipant.class).values()),
                List.copyOf(context.getBeansOfType(ServiceDatabase.class).values()),
                context.getBean(DeletionProperties.class), context.getBean(Clock.class));
    }

    DemoDataContributor contributor() {
        return contributors().findFirst().orElseThrow(() -> new AssertionError("No DemoDataContributor for " + service));
    }

    private Stream<DemoDataContributor> contributors() {
        return context.getBeansOfType(DemoDataContributor.class).values().stream()
                .filter(contributor -> contributor.service().equals(service));
    }

    private int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * The tenant's rows per table that a tenant deletion empties ({@link #tenantKeyColumns}).
     */
    Map<String, Long> countsOfTenant(UUID id) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tenantKeyColumns().forEach((table, column) -> counts.put(table, database().jdbc().queryForObject(
                "select count(*) from " + database().schema() + "." + table + " where " + column + " = ?", Long.class, id)));
        return counts;
    }

    private Map<String, Long> totalRowsByTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tenantKeyColumns().keySet()) {
            counts.put(table, database().jdbc().queryForObject(
                    "select count(*) from " + database().schema() + "." + table, Long.class));
        }
        return counts;
    }

    /** Every {@code table.column} of the schema that names a person, from the live catalog. */
    List<String> peopleColumns() {
        return countsByPeopleColumn(UserTombstone.ID).keySet().stream().toList();
    }

    /** Rows naming the user, per {@code table.column} over every people column of the schema. */
    private Map<String, Long> countsByPeopleColumn(UUID userId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> columns = database().jdbc().queryForList("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type = 'BASE TABLE' and c.column_name ~ ?
                  and c.table_name <> 'flyway_schema_history'
                order by 1, 2""", database().schema(), DeletionCoverageGuard.USER_COLUMN_PATTERN);
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            // As text: a people column may be text (a user id or a service client id), not uuid.
            counts.put(table + "." + name, database().jdbc().queryForObject("select count(*) from " + database().schema()
                    + "." + table + " where " + name + "::text = ?", Long.class, userId.toString()));
        }
        return counts;
    }

    List<String> tablesWithColumn(String column) {
        // Not the platform's write fences: ids only, the record that a tenant's deletion began (WriteFence).
        return new ArrayList<>(database().jdbc().queryForList("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and c.column_name = ? and t.table_type = 'BASE TABLE'
                  and c.table_name <> 'deletion_write_fences'
                order by 1""", String.class, database().schema(), column));
    }

    private Map<String, Long> qualified(Map<String, Long> byTable) {
        Map<String, Long> qualified = new LinkedHashMap<>();
        byTable.forEach((table, count) -> qualified.put(database().schema() + "." + table, count));
        return qualified;
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> nonZero = new LinkedHashMap<>();
        counts.forEach((table, count) -> {
            if (count != 0) {
                nonZero.put(table, count);
            }
        });
        return nonZero;
    }

    private String unqualified(String table) {
        return table.substring(table.indexOf('.') + 1);
    }

    private static long sum(tools.jackson.databind.JsonNode counts) {
        long total = 0;
        for (var entry : counts.properties()) {
            total += entry.getValue().asLong();
        }
        return total;
    }
}
