package com.bakeryia.launcher.userdeletion;

import java.time.Duration;
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
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6 end to end, every target in one process, real HTTP and PostgreSQL: complete user
 * deletion, owner deletion with transfer, refused transfer without another admin, owner deletion
 * with tenant deletion, and who may ask. Data naming the users comes from the generator (people
 * columns take the tenant's member ids).
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserDeletionEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    @Test
    void completeUserDeletionLeavesNoTraceOfAMemberAndKeepsBothTenantsAndTheirOtherData() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture first = TenantFixture.create(api);
        TenantFixture second = TenantFixture.create(api);
        TenantFixture.Member leaver = first.member();
        TenantFixture.addMember(api, second.tenantId(), second.owner(), leaver, "MEMBER");
        fill(api, first.tenantId());
        fill(api, second.tenantId());
        Map<String, Long> naming = rowsNaming(leaver.userId());
        assertThat(naming.keySet().stream().map(column -> column.substring(0, column.indexOf('.'))).distinct().count())
                .as("rows naming the user in several services: %s", naming).isGreaterThanOrEqualTo(3);
        long firstRows = tenantRows(first.tenantId());
        long secondRows = tenantRows(second.tenantId());

        ApiClient.Response preview = api.get("/api/v1/users/" + leaver.userId() + "/deletion-preview", leaver.accessToken());
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("owned_tenants").size()).isZero();
        assertThat(preview.json().path("memberships").size()).isEqualTo(2);
        assertThat(preview.json().path("total_items").asLong()).isPositive();

        ApiClient.Response started = api.delete("/api/v1/users/" + leaver.userId(), leaver.accessToken());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("kind").asText()).isEqualTo("USER");
        ApiClient.Response again = api.delete("/api/v1/users/" + leaver.userId(), serviceToken());
        assertThat(again.json().path("job_id").asText()).as("repeating returns the same unfinished job")
                .isEqualTo(started.json().path("job_id").asText());
        ApiClient.Response ownView = api.get("/api/v1/deletion-jobs/" + started.json().path("job_id").asText(),
                leaver.accessToken());
        assertThat(ownView.status()).as("the person is locked out from the moment they asked: %s", ownView).isEqualTo(401);
        assertThat(ownView.json().path("detail").asText()).containsAnyOf("being erased", "does not exist");
        JsonNode job = awaitCompleted(api, started.json().path("job_id").asText());
        String erasedToken = tokens.issueUserToken(leaver.userId()).value();
        ApiClient.Response afterwards = api.post("/api/v1/tenants", erasedToken, Map.of("name", "Back from the dead"));
        assertThat(afterwards.status()).as("a fresh token naming the erased id: %s", afterwards).isEqualTo(401);
        assertThat(afterwards.json().path("detail").asText()).contains("does not exist");
        ApiClient.Response rejoin = api.post("/api/v1/tenants/" + second.tenantId() + "/members",
                second.owner().accessToken(), Map.of("user_id", leaver.userId().toString(), "role", "MEMBER"));
        assertThat(rejoin.status()).as("nothing can name the erased id again: %s", rejoin).isEqualTo(404);

        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", leaver.email(), "password", TenantFixture.PASSWORD))
                .status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", leaver.refreshToken())).status())
                .isEqualTo(401);
        assertThat(rowsNaming(leaver.userId())).as("rows still naming the user").isEmpty();
        assertThat(tenantStatus(first.tenantId())).isEqualTo("ACTIVE");
        assertThat(tenantStatus(second.tenantId())).isEqualTo("ACTIVE");
        long deletedUserRows = deletedByDataSteps(job);
        assertThat(firstRows + secondRows - tenantRows(first.tenantId()) - tenantRows(second.tenantId()))
                .as("only the user's own rows left the tenants").isEqualTo(deletedUserRows);
        assertThat(tenantRows(first.tenantId())).isPositive();
        assertThat(job.path("total_items_anonymised").asLong()).isPositive();
        assertThat(stepNames(job)).contains("PREPARE tenant", "DELETE orders", "VERIFY orders", "FINAL auth");
    }

    @Test
    void ownerDeletionHandsTheTenantToTheLongestStandingAdminAndKeepsItsData() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        fill(api, bakery.tenantId());
        long rowsBefore = tenantRows(bakery.tenantId());
        String service = serviceToken();

        ApiClient.Response preview = api.get("/api/v1/users/" + bakery.owner().userId() + "/deletion-preview", service);
        assertThat(preview.json().path("owned_tenants").get(0).path("action").asText()).isEqualTo("TRANSFER");
        assertThat(preview.json().path("owned_tenants").get(0).path("new_owner_id").asText())
                .isEqualTo(bakery.admin().userId().toString());

        ApiClient.Response started = api.delete("/api/v1/users/" + bakery.owner().userId(), service);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode job = awaitCompleted(api, started.json().path("job_id").asText());

        assertThat(jdbc.queryForObject("select owner_user_id from tenant.tenants where id = ?", UUID.class, bakery.tenantId()))
                .isEqualTo(bakery.admin().userId());
        assertThat(jdbc.queryForObject("select role from tenant.memberships where tenant_id = ? and user_id = ?", String.class,
                bakery.tenantId(), bakery.admin().userId())).isEqualTo("OWNER");
        assertThat(tenantStatus(bakery.tenantId())).isEqualTo("ACTIVE");
        assertThat(rowsBefore - tenantRows(bakery.tenantId())).isEqualTo(deletedByDataSteps(job));
        assertThat(rowsNaming(bakery.owner().userId())).isEmpty();
    }

    @Test
    void ownerWithoutAnotherAdminIsRefusedUpFrontNamingTheTenantAndNothingChanges() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture.Member owner = TenantFixture.register(api, "lone-owner", UUID.randomUUID().toString().substring(0, 8));
        TenantFixture.Member member = TenantFixture.register(api, "lone-member", UUID.randomUUID().toString().substring(0, 8));
        UUID tenantId = TenantFixture.createTenant(api, owner, "Lonely bakery");
        TenantFixture.addMember(api, tenantId, owner, member, "MEMBER");

        ApiClient.Response refused = api.delete("/api/v1/users/" + owner.userId(), owner.accessToken());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("tenants").get(0).asText()).isEqualTo(tenantId.toString());
        assertThat(jdbc.queryForObject("select count(*) from deletion.deletion_jobs where subject_id = ?", Long.class,
                owner.userId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from tenant.memberships where user_id = ?", Long.class,
                owner.userId())).isEqualTo(1);
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", owner.email(), "password", TenantFixture.PASSWORD))
                .status()).isEqualTo(200);
        ApiClient.Response choseMember = api.delete("/api/v1/users/" + owner.userId() + "?new_owner=" + tenantId + ":"
                + member.userId(), owner.accessToken());
        assertThat(choseMember.status()).as("a chosen owner who is not ADMIN: %s", choseMember).isEqualTo(409);
    }

    @Test
    void ownerDeletionWithTenantDeletionRemovesTheTenantEverywhereAndThenTheUser() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        fill(api, bakery.tenantId());
        assertThat(tenantRows(bakery.tenantId())).isPositive();

        ApiClient.Response started = api.delete("/api/v1/users/" + bakery.owner().userId() + "?owned_tenants=delete",
                bakery.owner().accessToken());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode job = awaitCompleted(api, started.json().path("job_id").asText());

        assertThat(jdbc.queryForObject("select count(*) from tenant.tenants where id = ?", Long.class, bakery.tenantId())).isZero();
        assertThat(tenantRows(bakery.tenantId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from auth.users where id = ?", Long.class, bakery.owner().userId())).isZero();
        assertThat(rowsNaming(bakery.owner().userId())).isEmpty();
        assertThat(job.path("service_results").get(0).path("counts").path("tenant_deleted").has(bakery.tenantId().toString()))
                .as(job.toString()).isTrue();
    }

    @Test
    void aUserCannotDeleteSomeoneElseButAServiceMayAndBadParametersAreProblems() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        String viewer = "/api/v1/users/" + bakery.viewer().userId();

        assertThat(api.delete(viewer, bakery.owner().accessToken()).status()).isEqualTo(403);
        assertThat(api.get(viewer + "/deletion-preview", bakery.member().accessToken()).status()).isEqualTo(403);
        assertThat(api.delete(viewer, null).status()).isEqualTo(401);
        ApiClient.Response badMode = api.delete(viewer + "?owned_tenants=sell", bakery.viewer().accessToken());
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.text()).contains("owned_tenants");
        ApiClient.Response badOwner = api.delete(viewer + "?new_owner=not-a-pair", bakery.viewer().accessToken());
        assertThat(badOwner.status()).isEqualTo(400);
        assertThat(badOwner.text()).contains("new_owner");
        ApiClient.Response notOwned = api.delete(viewer + "?new_owner=" + bakery.tenantId() + ":" + bakery.admin().userId(),
                bakery.viewer().accessToken());
        assertThat(notOwned.status()).as("a new owner for a tenant the user does not own").isEqualTo(400);
        assertThat(api.get("/api/v1/users/" + UUID.randomUUID() + "/deletion-preview", serviceToken()).status()).isEqualTo(404);

        ApiClient.Response byService = api.delete(viewer, serviceToken());
        assertThat(byService.status()).as(byService.toString()).isEqualTo(202);
        awaitCompleted(api, byService.json().path("job_id").asText());
        assertThat(jdbc.queryForObject("select count(*) from auth.users where id = ?", Long.class, bakery.viewer().userId())).isZero();
    }

    private String serviceToken() {
        return tokens.issueServiceToken("user-deletion-test").value();
    }

    private void fill(ApiClient api, UUID tenantId) {
        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenantId + "/demo-data?size=small", serviceToken(), null);
        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
    }

    private JsonNode awaitCompleted(ApiClient api, String jobId) {
        JsonNode job = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/deletion-jobs/" + jobId, serviceToken()).json(),
                        found -> List.of("COMPLETED", "FAILED").contains(found.path("status").asText()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        return job;
    }

    private static long deletedByDataSteps(JsonNode job) {
        long deleted = 0;
        for (JsonNode step : job.path("service_results")) {
            String phase = step.path("phase").asText();
            if (phase.equals("DELETE") || phase.equals("VERIFY")) {
                deleted += step.path("items_deleted").asLong();
            }
        }
        return deleted;
    }

    private static List<String> stepNames(JsonNode job) {
        List<String> names = new java.util.ArrayList<>();
        job.path("service_results").forEach(step -> names.add(step.path("phase").asText() + " " + step.path("service").asText()));
        return names;
    }

    private String tenantStatus(UUID tenantId) {
        return jdbc.queryForObject("select status from tenant.tenants where id = ?", String.class, tenantId);
    }

    /**
     * Rows of the tenant in every table with a tenant_id in the data services' schemas, from the live
     * catalog (the deletion schema's records of what a job did with a tenant are kept on purpose).
     */
    private long tenantRows(UUID tenantId) {
        long total = 0;
        for (String table : jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences'
                  and c.table_name <> 'retained_records' -- what the law keeps outlives the tenant (docs/retention.md)
                  and c.table_schema not in ('tenant', 'auth', 'deletion', 'pg_catalog', 'information_schema')""", String.class)) {
            total += jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenantId);
        }
        return total;
    }

    /**
     * Every uuid column of every schema holding the id, from the live catalog. The user job's own
     * record (deletion.deletion_jobs.subject_id) and its audit trail
     * (deletion.deletion_audit_entries.subject_id, append-only) are the erasure's proof, and its
     * announcements (deletion.outbox_events.aggregate_id: ids and kinds only, pruned once sent, see
     * docs/events-and-recipients.md) are what tells other systems to erase; all left out on purpose.
     */
    private Map<String, Long> rowsNaming(UUID userId) {
        Map<String, Long> found = new TreeMap<>();
        for (Map<String, Object> column : jdbc.queryForList("""
                select c.table_schema, c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.data_type = 'uuid' and t.table_type = 'BASE TABLE'
                  and c.table_schema not in ('pg_catalog', 'information_schema')""")) {
            String name = column.get("table_schema") + "." + column.get("table_name") + "." + column.get("column_name");
            if (name.equals("deletion.deletion_jobs.subject_id") || name.equals("deletion.deletion_audit_entries.subject_id")
                    || name.equals("deletion.outbox_events.aggregate_id")) {
                continue;
            }
            long count = jdbc.queryForObject("select count(*) from " + column.get("table_schema") + "." + column.get("table_name")
                    + " where " + column.get("column_name") + " = ?", Long.class, userId);
            if (count > 0) {
                found.put(name, count);
            }
        }
        return found;
    }
}
