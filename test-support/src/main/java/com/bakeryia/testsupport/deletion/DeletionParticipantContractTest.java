package com.bakeryia.testsupport.deletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionCoverageGuard;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.deletion.SqlDeletionParticipant;
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
 * <pre>{@code
 * @SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT)
 * class OrdersDeletionContractTest extends DeletionParticipantContractTest {
 *     OrdersDeletionContractTest() { super("orders"); }
 * }
 * }</pre>
 *
 * Data comes from the service's own {@link DemoDataContributor} at size SMALL; counts come from
 * the live catalog (every table with a {@code tenant_id} or people column), not from the plan,
 * so a table the plan forgot shows up as rows left behind.
 */
public abstract class DeletionParticipantContractTest {

    private static final String PEOPLE_COLUMN = "^(user_id|assigned_to|.*_user_id|.*_by)$";

    private final String service;

    @Autowired
    private ApplicationContext context;

    protected DeletionParticipantContractTest(String service) {
        this.service = service;
    }

    @Test
    void seedingFillsEveryTenantTable() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID(), UUID.randomUUID()));

        assertThat(countsByTable("tenant_id", tenant))
                .as("rows of the seeded tenant per table of %s", service)
                .isNotEmpty()
                .allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
    }

    @Test
    void generatingForATenantAgainAddsRowsInsteadOfFailing() {
        UUID tenant = UUID.randomUUID();
        List<UUID> people = List.of(UUID.randomUUID(), UUID.randomUUID());
        seed(tenant, people);
        Map<String, Long> afterFirst = countsByTable("tenant_id", tenant);

        seed(tenant, people);

        Map<String, Long> afterSecond = countsByTable("tenant_id", tenant);
        afterFirst.forEach((table, rows) -> assertThat(afterSecond.get(table)).as(table).isGreaterThanOrEqualTo(rows));
        assertThat(afterSecond.values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThan(afterFirst.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void generatingWithoutMembersNamesNobodyInPeopleColumns() {
        UUID tenant = UUID.randomUUID();

        seed(tenant, List.of());

        for (String column : peopleColumns()) {
            String table = column.substring(0, column.indexOf('.'));
            String name = column.substring(column.indexOf('.') + 1);
            if (tablesWithColumn("tenant_id").contains(table)) {
                assertThat(database().jdbc().queryForObject("select count(*) from " + database().schema() + "." + table
                        + " where tenant_id = ? and " + name + " is not null", Long.class, tenant)).as(column).isZero();
            }
        }
    }

    @Test
    void previewCountsEqualWhatDeleteRemoves() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        Map<String, Long> before = countsByTable("tenant_id", tenant);

        DeletionPreview preview = participant().preview(DeletionSubject.tenant(tenant));
        DeletionResult result = participant().delete(DeletionSubject.tenant(tenant));

        assertThat(result.errors()).isEmpty();
        assertThat(preview.toDelete()).isEqualTo(qualified(before));
        assertThat(result.deleted()).isEqualTo(preview.toDelete());
        assertThat(countsByTable("tenant_id", tenant)).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(participant().preview(DeletionSubject.tenant(tenant)).remaining()).isZero();
    }

    @Test
    void secondDeleteRemovesNothingAndSucceeds() {
        UUID tenant = UUID.randomUUID();
        seed(tenant, List.of(UUID.randomUUID()));
        assertThat(participant().delete(DeletionSubject.tenant(tenant)).totalDeleted()).isPositive();

        DeletionResult second = participant().delete(DeletionSubject.tenant(tenant));

        assertThat(second.succeeded()).isTrue();
        assertThat(second.totalDeleted()).isZero();
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
        Map<String, Long> keptBefore = countsByTable("tenant_id", kept);
        Map<String, Long> totalsBefore = totalRowsByTable();
        Map<String, Long> doomedBefore = countsByTable("tenant_id", doomed);

        participant().delete(DeletionSubject.tenant(doomed));

        assertThat(countsByTable("tenant_id", kept)).isEqualTo(keptBefore);
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
        Map<String, Long> stayingBefore = countsByPeopleColumn(staying);
        Map<String, Long> tenantBefore = countsByTable("tenant_id", tenant);

        DeletionPreview preview = participant().preview(DeletionSubject.user(leaving));
        DeletionResult result = participant().delete(DeletionSubject.user(leaving));

        assertThat(result.errors()).isEmpty();
        assertThat(result.deleted()).isEqualTo(preview.toDelete());
        assertThat(result.anonymised()).isEqualTo(preview.toAnonymise());
        assertThat(countsByPeopleColumn(leaving)).allSatisfy((column, count) -> assertThat(count).as(column).isZero());
        assertThat(countsByPeopleColumn(staying)).isEqualTo(stayingBefore);
        Map<String, Long> expectedTenantRows = new LinkedHashMap<>(tenantBefore);
        result.deleted().forEach((table, count) -> expectedTenantRows.computeIfPresent(unqualified(table), (t, c) -> c - count));
        assertThat(countsByTable("tenant_id", tenant)).isEqualTo(expectedTenantRows);
        assertThat(participant().delete(DeletionSubject.user(leaving)).totalDeleted()
                + participant().delete(DeletionSubject.user(leaving)).totalAnonymised()).isZero();
        assertThat(countsByPeopleColumn(UserTombstone.ID).values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(result.totalAnonymised());
    }

    @Test
    void coverageGuardNamesATenantTableMissingFromThePlan() {
        String probe = database().schema() + ".contract_probe_uncovered";
        database().jdbc().execute("create table " + probe + " (id uuid primary key, tenant_id uuid not null)");
        try {
            assertThatThrownBy(() -> DeletionCoverageGuard.check(database(), sqlParticipant().plan()))
                    .isInstanceOf(UncoveredTableException.class)
                    .hasMessageContaining(probe);
        } finally {
            database().jdbc().execute("drop table " + probe);
        }
        DeletionCoverageGuard.check(database(), sqlParticipant().plan());
    }

    @Test
    void coverageGuardNamesAnUndeclaredPeopleColumn() {
        String probe = database().schema() + ".contract_probe_people";
        database().jdbc().execute("create table " + probe + " (id uuid primary key, approved_by uuid)");
        try {
            assertThatThrownBy(() -> DeletionCoverageGuard.check(database(), sqlParticipant().plan()))
                    .isInstanceOf(UncoveredTableException.class)
                    .hasMessageContaining(probe + ".approved_by");
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
        String userToken = tokens.issueUserToken(UUID.randomUUID()).value();
        String base = "/api/v1/" + service + "/tenant/" + tenant;

        assertThat(api.delete(base, null).status()).isEqualTo(401);
        assertThat(api.delete(base, userToken).status()).isEqualTo(403);
        ApiClient.Response preview = api.get(base + "/deletion-preview", serviceToken);
        assertThat(preview.status()).isEqualTo(200);
        long previewed = sum(preview.json().path("to_delete"));
        assertThat(previewed).isPositive();

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

    protected DeletionParticipant participant() {
        return context.getBean(LocalDeletionParticipants.class).find(service)
                .orElseThrow(() -> new AssertionError("No deletion participant " + service + " in the context"));
    }

    protected ServiceDatabase database() {
        return BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getAutowireCapableBeanFactory(),
                ServiceDatabase.class, service);
    }

    private SqlDeletionParticipant sqlParticipant() {
        return (SqlDeletionParticipant) participant();
    }

    private DemoDataContributor contributor() {
        return context.getBeansOfType(DemoDataContributor.class).values().stream()
                .filter(contributor -> contributor.service().equals(service))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No DemoDataContributor for " + service));
    }

    private int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Rows with {@code column = id}, per table of the schema that has such a column (live catalog). */
    private Map<String, Long> countsByTable(String column, UUID id) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tablesWithColumn(column)) {
            counts.put(table, database().jdbc().queryForObject(
                    "select count(*) from " + database().schema() + "." + table + " where " + column + " = ?", Long.class, id));
        }
        return counts;
    }

    private Map<String, Long> totalRowsByTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tablesWithColumn("tenant_id")) {
            counts.put(table, database().jdbc().queryForObject(
                    "select count(*) from " + database().schema() + "." + table, Long.class));
        }
        return counts;
    }

    /** Every {@code table.column} of the schema that names a person, from the live catalog. */
    private List<String> peopleColumns() {
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
                order by 1, 2""", database().schema(), PEOPLE_COLUMN);
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            counts.put(table + "." + name, database().jdbc().queryForObject(
                    "select count(*) from " + database().schema() + "." + table + " where " + name + " = ?", Long.class, userId));
        }
        return counts;
    }

    private List<String> tablesWithColumn(String column) {
        return new ArrayList<>(database().jdbc().queryForList("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and c.column_name = ? and t.table_type = 'BASE TABLE'
                order by 1""", String.class, database().schema(), column));
    }

    private Map<String, Long> qualified(Map<String, Long> byTable) {
        Map<String, Long> qualified = new LinkedHashMap<>();
        byTable.forEach((table, count) -> qualified.put(database().schema() + "." + table, count));
        return qualified;
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
