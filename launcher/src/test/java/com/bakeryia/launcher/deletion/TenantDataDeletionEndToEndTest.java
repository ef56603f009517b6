package com.bakeryia.launcher.deletion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's "done when", with every target in one process: two tenants filled by the generator
 * at size medium over HTTP, non-zero previews in all 12 data services, each service's DELETE
 * removing exactly what it previewed, and an independent count over the live catalog (every table
 * with a {@code tenant_id} in every schema except the tenant service's own records and the auth
 * schema's deletion jobs, which outlive the data by design) finding 0 rows of the deleted tenant
 * and the other tenant's rows unchanged.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantDataDeletionEndToEndTest {

    /** The services that own tenant data, as the launcher's targets list gives them. */
    @Autowired
    DataServices dataServices;

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void generatedMediumTenantIsDeletedExactlyFromEveryDataServiceAndTheOtherTenantIsUntouched() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("end-to-end-test").value();
        UUID doomed = TenantFixture.create(api).tenantId();
        UUID kept = TenantFixture.create(api).tenantId();

        JsonNode generated = fill(api, service, doomed);
        fill(api, service, kept);
        assertThat(generated.path("services").propertyNames()).containsExactlyInAnyOrderElementsOf(dataServices.names());
        System.out.printf("Generator, size medium: %d rows in %d ms = %d rows/s%n", generated.path("total_rows").asLong(),
                generated.path("elapsed_ms").asLong(), generated.path("rows_per_second").asLong());
        Map<String, Long> doomedBefore = countsOf(doomed);
        Map<String, Long> keptBefore = countsOf(kept);
        assertThat(doomedBefore.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(generated.path("total_rows").asLong());

        for (String name : dataServices.names()) {
            String base = "/api/v1/" + name + "/tenant/" + doomed;
            ApiClient.Response preview = api.get(base + "/deletion-preview", service);
            assertThat(preview.status()).as("preview of %s: %s", name, preview).isEqualTo(200);
            Map<String, Long> previewed = counts(preview.json().path("to_delete"));
            assertThat(previewed.values().stream().mapToLong(Long::longValue).sum()).as("preview of %s", name).isPositive();

            ApiClient.Response deleted = api.delete(base, service);

            assertThat(deleted.status()).as("delete in %s: %s", name, deleted).isEqualTo(200);
            assertThat(counts(deleted.json().path("deleted"))).as("deleted in %s", name).isEqualTo(previewed);
            previewed.forEach((table, count) -> assertThat(count).as(table).isEqualTo(doomedBefore.getOrDefault(table, 0L)));
            System.out.printf("Deleted tenant from %-16s %6d rows in %5d ms%n", name,
                    deleted.json().path("total_deleted").asLong(sum(previewed)), deleted.json().path("duration_ms").asLong());
        }

        assertThat(countsOf(doomed)).isNotEmpty().allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(countsOf(kept)).isEqualTo(keptBefore);
    }

    private static JsonNode fill(ApiClient api, String service, UUID tenant) {
        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenant + "/demo-data?size=medium", service, null);
        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        return filled.json();
    }

    /** Rows of the tenant in every table with a tenant_id column, found in the catalog, not in any plan. */
    private static Map<String, Long> countsOf(UUID tenant) {
        JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences'
                  and c.table_name <> 'retained_records' -- what the law keeps outlives the tenant (docs/retention.md)
                  and c.table_schema not in ('tenant', 'auth', 'pg_catalog', 'information_schema')
                order by 1""", String.class);
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant));
        }
        return counts;
    }

    private static Map<String, Long> counts(JsonNode byTable) {
        Map<String, Long> counts = new LinkedHashMap<>();
        byTable.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
