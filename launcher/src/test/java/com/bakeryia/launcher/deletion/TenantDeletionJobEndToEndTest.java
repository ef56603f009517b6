package com.bakeryia.launcher.deletion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

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
import static org.awaitility.Awaitility.await;

/**
 * Issue 5 end to end, every target in one process: {@code DELETE /api/v1/tenants/{tenant_id}}
 * starts a deletion job that removes the tenant's rows from all 12 data services, verifies zero,
 * and removes the tenant record last; its totals equal the preview taken before. Retries,
 * timeouts, late rows caught by verification and crash-resume are covered by the
 * deletion-orchestrator module's own tests.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantDeletionJobEndToEndTest {

    /** The services that own tenant data, as the launcher's targets list gives them. */
    @Autowired
    DataServices dataServices;

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    @Test
    void ownerDeletesAFilledTenantThroughAJobThatLeavesNothingAndMatchesThePreview() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("end-to-end-test").value();
        TenantFixture doomed = TenantFixture.create(api);
        UUID kept = TenantFixture.create(api).tenantId();
        assertThat(api.post("/api/v1/tenants/" + doomed.tenantId() + "/customers", doomed.member().accessToken(),
                Map.of("name", "Café Central")).status()).isEqualTo(201);
        fill(api, service, doomed.tenantId());
        fill(api, service, kept);
        Map<String, Long> keptBefore = countsOf(kept);
        assertThat(countsOf(doomed.tenantId())).allSatisfy((table, count) -> assertThat(count).as(table).isPositive());

        ApiClient.Response preview = api.get("/api/v1/tenants/" + doomed.tenantId() + "/deletion-preview",
                doomed.owner().accessToken());
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("unavailable").isEmpty()).as(preview.toString()).isTrue();
        assertThat(preview.json().path("services").valueStream().map(s -> s.path("service").asText()))
                .containsAll(dataServices.names()).contains("tenant");
        long previewed = preview.json().path("total_items").asLong();

        ApiClient.Response deleted = api.delete("/api/v1/tenants/" + doomed.tenantId(), doomed.owner().accessToken());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        String jobId = deleted.json().path("job_id").asText();
        assertThat(deleted.header("Location")).containsExactly("/api/v1/deletion-jobs/" + jobId);
        assertThat(deleted.json().path("status").asText()).isIn("PENDING", "RUNNING");
        JsonNode job = awaitFinished(api, jobId, doomed.owner().accessToken());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        System.out.printf("Tenant deletion job, size small: %d rows in %d ms (%s)%n", job.path("total_items_deleted").asLong(),
                job.path("duration_ms").asLong(), job.path("duration").asText());
        assertThat(job.path("total_items_deleted").asLong() + job.path("total_items_anonymised").asLong()).isEqualTo(previewed);
        assertThat(job.path("services_completed").asInt()).isEqualTo(dataServices.names().size());
        assertThat(job.path("services_failed").asInt()).isZero();
        assertThat(job.path("initiated_by").asText()).isEqualTo(doomed.owner().userId().toString());
        assertThat(job.path("service_results").valueStream().map(step -> step.path("phase").asText() + " "
                + step.path("status").asText())).contains("DELETE SUCCEEDED", "VERIFY SUCCEEDED", "FINAL SUCCEEDED");

        assertThat(countsOf(doomed.tenantId())).isNotEmpty().allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(countsOf(kept)).isEqualTo(keptBefore);
        assertThat(api.get("/api/v1/tenants/" + doomed.tenantId(), service).status()).isEqualTo(404);
        for (String table : List.of("tenant.memberships", "tenant.subscriptions")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class,
                    doomed.tenantId())).as(table).isZero();
        }
        // The job outlives the tenant, readable by its initiator; the tenant's former admin is no longer anybody there.
        assertThat(api.get("/api/v1/deletion-jobs/" + jobId, doomed.owner().accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/deletion-jobs/" + jobId, doomed.admin().accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/tenants/" + doomed.tenantId(), service).status()).isEqualTo(404);
    }

    @Test
    void twoSimultaneousDeletesGiveOneJobAndWritesDuringDeletionAreRefused() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String path = "/api/v1/tenants/" + fixture.tenantId();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<ApiClient.Response> byOwner = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return api.delete(path, fixture.owner().accessToken());
        });
        CompletableFuture<ApiClient.Response> byAdmin = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return api.delete(path, fixture.admin().accessToken());
        });

        go.countDown();
        ApiClient.Response first = byOwner.get();
        ApiClient.Response second = byAdmin.get();

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(second.status()).as(second.toString()).isEqualTo(202);
        assertThat(second.json().path("job_id").asText()).isEqualTo(first.json().path("job_id").asText());
        // DELETING while the job runs (409), gone once it has completed (404): refused either way.
        ApiClient.Response write = api.post(path + "/customers", fixture.member().accessToken(), Map.of("name", "Late"));
        assertThat(write.status()).as(write.toString()).isIn(409, 404);
        assertThat(write.isProblem()).isTrue();
        ApiClient.Response serviceWrite = api.post(path + "/customers",
                tokens.issueServiceToken("end-to-end-test").value(), Map.of("name", "Late"));
        assertThat(serviceWrite.status()).as(serviceWrite.toString()).isIn(409, 404);
        assertThat(jdbc.queryForObject("select count(*) from orders.customers where tenant_id = ?", Long.class,
                fixture.tenantId())).isZero();
        String jobId = first.json().path("job_id").asText();
        // Whichever request won is the initiator; a service may read the job either way.
        assertThat(awaitFinished(api, jobId, tokens.issueServiceToken("end-to-end-test").value()).path("status").asText())
                .isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("select count(*) from deletion.deletion_jobs where subject_id = ?", Long.class,
                fixture.tenantId())).isEqualTo(1);
    }

    @Test
    void membersViewersOutsidersAndAnonymousCallersAreRefusedOnEveryDeletionEndpoint() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String tenant = "/api/v1/tenants/" + fixture.tenantId();
        Map<String, String> users = Map.of("member", fixture.member().accessToken(), "viewer",
                fixture.viewer().accessToken(), "outsider", fixture.outsider().accessToken());

        users.forEach((who, token) -> {
            assertRefused(api.delete(tenant, token), 403, who + " deletes the tenant");
            assertRefused(api.get(tenant + "/deletion-preview", token), 403, who + " previews");
        });
        assertRefused(api.delete(tenant, null), 401, "anonymous deletes the tenant");
        assertRefused(api.get(tenant + "/deletion-preview", null), 401, "anonymous previews");
        assertThat(api.get(tenant + "/deletion-preview", fixture.admin().accessToken()).status()).isEqualTo(200);
        assertThat(api.get(tenant, fixture.owner().accessToken()).json().path("status").asText()).isEqualTo("ACTIVE");

        ApiClient.Response started = api.delete(tenant, fixture.owner().accessToken());
        assertThat(started.status()).isEqualTo(202);
        String job = "/api/v1/deletion-jobs/" + started.json().path("job_id").asText();
        assertRefused(api.get(job, fixture.outsider().accessToken()), 403, "outsider reads the job");
        assertRefused(api.get(job, null), 401, "anonymous reads the job");
        Map<String, String> allUsers = new TreeMap<>(users);
        allUsers.put("owner", fixture.owner().accessToken());
        allUsers.put("admin", fixture.admin().accessToken());
        allUsers.forEach((who, token) -> {
            assertRefused(api.get("/api/v1/deletion-jobs?tenant_id=" + fixture.tenantId(), token), 403, who + " lists jobs");
            assertRefused(api.post(job + "/retry", token, null), 403, who + " retries");
        });
        assertRefused(api.get("/api/v1/deletion-jobs", null), 401, "anonymous lists jobs");
        assertRefused(api.post(job + "/retry", null, null), 401, "anonymous retries");
        awaitFinished(api, started.json().path("job_id").asText(), fixture.owner().accessToken());
    }

    private static void assertRefused(ApiClient.Response response, int status, String what) {
        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(status);
        assertThat(response.isProblem()).as("problem+json for %s", what).isTrue();
    }

    private static JsonNode awaitFinished(ApiClient api, String jobId, String token) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> api.get("/api/v1/deletion-jobs/" + jobId, token).json(),
                job -> List.of("COMPLETED", "FAILED").contains(job.path("status").asText()));
    }

    private static void fill(ApiClient api, String service, UUID tenant) {
        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenant + "/demo-data?size=small", service, null);
        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rows of the tenant in every table with a tenant_id column in every data schema, found in the catalog. */
    private Map<String, Long> countsOf(UUID tenant) {
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences'
                  and c.table_name <> 'retained_records' -- what the law keeps outlives the tenant (docs/retention.md)
                  and c.table_schema not in ('tenant', 'auth', 'deletion', 'pg_catalog', 'information_schema')
                order by 1""", String.class);
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant));
        }
        return counts;
    }
}
