package com.bakeryia.launcher.retention;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bakery in each catalogued jurisdiction deleted through its deletion job, every target in one
 * process: the preview says per table what will be deleted, and what the law of its country keeps
 * with basis and until-date; the job deletes everything from the bakery's tables, keeps exactly
 * what the preview said in the services' archives (minimised, in the tenant's country), and its
 * certificate's {@code retained_by_law} section lists the same tables, rows, basis and latest
 * retain_until. The bakery's former members reach none of it.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordsKeptByLawEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ES", "DE", "FR"})
    void aTenantsFiscalRecordsAreKeptMinimisedAsThePreviewSaidAndTheCertificateStates(String country) {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("retention-test").value();
        TenantFixture.Member owner = TenantFixture.register(api, "owner", UUID.randomUUID().toString().substring(0, 8));
        ApiClient.Response created = api.post("/api/v1/tenants", owner.accessToken(),
                Map.of("name", "Bakery in " + country, "country", country));
        assertThat(created.json().path("country").asText()).isEqualTo(country);
        UUID tenant = UUID.fromString(created.json().path("id").asText());
        assertThat(api.post("/api/v1/tenants/" + tenant + "/demo-data?size=small", service, null).status()).isEqualTo(200);

        ApiClient.Response preview = api.get("/api/v1/tenants/" + tenant + "/deletion-preview", owner.accessToken());
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        Map<String, JsonNode> previewed = new TreeMap<>();
        preview.json().path("services").forEach(ofService -> ofService.path("retention").properties()
                .forEach(entry -> previewed.put(entry.getKey(), entry.getValue())));
        assertThat(previewed).containsOnlyKeys("orders.customer_orders", "orders.order_items", "pos.pos_transactions",
                "pos.pos_transaction_items", "sales.sales_records", "suppliers.deliveries", "suppliers.purchase_orders",
                "suppliers.purchase_order_items");
        previewed.forEach((table, kept) -> {
            assertThat(kept.path("rows").asLong()).as(table).isPositive();
            assertThat(kept.path("country").asText()).as(table).isEqualTo(country);
            assertThat(kept.path("basis").asText()).as(table).isNotBlank();
            assertThat(kept.path("retain_until").asText()).as(table).endsWith("-12-31");
        });
        Map<String, Long> before = rowsOf(tenant, previewed.keySet());

        String jobId = api.delete("/api/v1/tenants/" + tenant + "?immediate=true", service).json().path("job_id").asText();
        JsonNode job = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> api.get("/api/v1/deletion-jobs/" + jobId, service).json(),
                read -> List.of("COMPLETED", "FAILED").contains(read.path("status").asText()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");

        // Gone from the bakery's tables, kept in the archives exactly as previewed.
        assertThat(rowsOf(tenant, previewed.keySet())).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        previewed.forEach((table, kept) -> {
            String schema = table.substring(0, table.indexOf('.'));
            String source = table.substring(table.indexOf('.') + 1);
            assertThat(jdbc.queryForObject("select count(*) from " + schema + ".retained_records where tenant_id = ?"
                    + " and source_table = ? and country = ?", Long.class, tenant, source, country))
                    .as(table).isEqualTo(kept.path("rows").asLong()).isEqualTo(before.get(table));
            assertThat(jdbc.queryForObject("select max(retain_until)::text from " + schema + ".retained_records"
                    + " where tenant_id = ? and source_table = ?", String.class, tenant, source))
                    .as(table).isEqualTo(kept.path("retain_until").asText());
        });
        // Minimised: no person's id, name, e-mail, phone or note survives in what is kept.
        assertThat(jdbc.queryForObject("select count(*) from orders.retained_records where tenant_id = ?"
                + " and (jsonb_exists(record, 'notes') or jsonb_exists(record, 'customer_id') or record::text like ?)", Long.class, tenant, "%" + owner.userId() + "%")).isZero();

        // The signed claims themselves: the compact JWS's payload.
        String jws = api.get("/api/v1/deletion-jobs/" + jobId + "/certificate", service).text();
        JsonNode retained = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]))
                .path("retained_by_law");
        assertThat(retained.propertyNames()).containsExactlyInAnyOrderElementsOf(previewed.keySet());
        previewed.forEach((table, kept) -> {
            JsonNode stated = retained.path(table);
            assertThat(stated.path("rows").asLong()).as(table).isEqualTo(kept.path("rows").asLong());
            assertThat(stated.path("basis").asText()).as(table).isEqualTo(kept.path("basis").asText());
            assertThat(stated.path("country").asText()).as(table).isEqualTo(country);
            assertThat(stated.path("retain_until").asText()).as(table).isEqualTo(kept.path("retain_until").asText());
        });

        // The bakery is gone for its former owner: nothing of it, the kept records included, is reachable.
        assertThat(api.get("/api/v1/tenants/" + tenant, owner.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/pos-transactions", owner.accessToken()).status()).isIn(403, 404);
    }

    @Test
    void onlyTheRecordsOfficerReadsWhatIsKeptOneReadAtATimeWithAReasonThatTheAuditTrailRecords() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("retention-test").value();
        TenantFixture bakery = TenantFixture.create(api);
        UUID tenant = bakery.tenantId();
        assertThat(api.post("/api/v1/tenants/" + tenant + "/demo-data?size=small", service, null).status()).isEqualTo(200);
        TenantFixture.Member officer = TenantFixture.register(api, "officer", UUID.randomUUID().toString().substring(0, 8));
        assertThat(api.put("/api/v1/users/" + officer.userId() + "/platform-roles", service,
                Map.of("platform_roles", List.of("RECORDS_OFFICER"))).status()).isEqualTo(200);
        TenantFixture.Member operator = TenantFixture.registerOperator(api, service);
        Map<String, Object> read = Map.of("tenant_id", tenant.toString(), "service", "pos",
                "reason", "Tax audit AEAT 2027/0042", "limit", 5);

        // Before the deletion nothing is kept: the bakery's data is the bakery's.
        assertThat(api.post("/api/v1/retained-records/reads", officer.accessToken(), read).status()).isEqualTo(404);
        String jobId = api.delete("/api/v1/tenants/" + tenant + "?immediate=true", service).json().path("job_id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> api.get("/api/v1/deletion-jobs/" + jobId, service).json().path("status").asText(), "COMPLETED"::equals);

        for (String refused : List.of(bakery.owner().accessToken(), bakery.admin().accessToken(), operator.accessToken(),
                service)) {
            ApiClient.Response answer = api.post("/api/v1/retained-records/reads", refused, read);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.isProblem()).isTrue();
        }
        assertThat(api.post("/api/v1/retained-records/reads", null, read).status()).isEqualTo(401);
        ApiClient.Response noReason = api.post("/api/v1/retained-records/reads", officer.accessToken(),
                Map.of("tenant_id", tenant.toString(), "service", "pos"));
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
        assertThat(noReason.text()).contains("reason");
        assertThat(api.post("/api/v1/retained-records/reads", officer.accessToken(), Map.of("tenant_id", tenant.toString(),
                "service", "pos", "reason", "because")).status()).isEqualTo(400);

        ApiClient.Response first = api.post("/api/v1/retained-records/reads", officer.accessToken(), read);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("job_id").asText()).isEqualTo(jobId);
        assertThat(first.json().path("items").size()).isEqualTo(5);
        JsonNode record = first.json().path("items").get(0);
        assertThat(record.path("table").asText()).startsWith("pos.");
        assertThat(record.path("country").asText()).isEqualTo("ES");
        assertThat(record.path("basis").asText()).contains("Código de Comercio");
        assertThat(record.path("record").path("id").asText()).isEqualTo(record.path("record_id").asText());
        long nextAfter = first.json().path("next_after").asLong();
        ApiClient.Response second = api.post("/api/v1/retained-records/reads", officer.accessToken(),
                Map.of("tenant_id", tenant.toString(), "service", "pos", "reason", "Tax audit AEAT 2027/0042",
                        "after", nextAfter, "limit", 5));
        assertThat(second.json().path("items").get(0).path("seq").asLong()).isGreaterThan(nextAfter);

        // Each read is in the audit trail, with who read, why and which records.
        JsonNode entries = api.get("/api/v1/deletion-audit?subject_id=" + tenant + "&limit=1000", service).json().path("entries");
        List<JsonNode> reads = entries.valueStream().filter(entry -> entry.path("action").asText()
                .equals("RETAINED_RECORDS_READ")).toList();
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).path("actor").asText()).isEqualTo("user:" + officer.userId());
        assertThat(reads.get(0).path("details").path("reason").asText()).isEqualTo("Tax audit AEAT 2027/0042");
        assertThat(reads.get(0).path("details").path("records").asInt()).isEqualTo(5);
        assertThat(reads.get(0).path("details").path("record_ids").toString()).contains(record.path("record_id").asText());
        assertThat(api.get("/api/v1/deletion-audit/verification", service).json().path("valid").asBoolean()).isTrue();
    }

    private Map<String, Long> rowsOf(UUID tenant, Iterable<String> tables) {
        Map<String, Long> rows = new TreeMap<>();
        tables.forEach(table -> rows.put(table, jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?",
                Long.class, tenant)));
        return rows;
    }
}
