package com.bakeryia.launcher.deletion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.CallerKind;
import com.bakeryia.testsupport.fixtures.CallerTokens;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint the deletion orchestrator serves against every kind of caller (this module's tests
 * run without a grace window, so an allowed tenant DELETE starts at once): the tenant's owner,
 * admin, member (who is also the subject of the user endpoints) and viewer, the owner of another
 * tenant (who started the job the job endpoints read), a service, the platform's OPERATOR (a user in
 * no tenant whose account holds the role), no token, an expired token and a token signed with a key
 * the platform does not trust; and what an operator may not reach (bakery data, memberships,
 * accounts, the participants' own endpoints, metrics). Refusals are problem+json. An allowed call
 * that deletes something gets a scenario of its own; refused calls share one, which a wrongly
 * allowed call would visibly change.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionAuthorizationMatrixTest {

    enum Endpoint {
        PREVIEW_TENANT(false,
                (s, token) -> s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/deletion-preview", token)),
        DELETE_TENANT(true, (s, token) -> s.api.delete("/api/v1/tenants/" + s.fixture.tenantId(), token)),
        RESTORE_TENANT(false,
                (s, token) -> s.api.post("/api/v1/tenants/" + s.fixture.tenantId() + "/restore", token, null)),
        PREVIEW_USER(false,
                (s, token) -> s.api.get("/api/v1/users/" + s.fixture.member().userId() + "/deletion-preview", token)),
        DELETE_USER(true, (s, token) -> s.api.delete("/api/v1/users/" + s.fixture.member().userId(), token)),
        RESTORE_USER(false,
                (s, token) -> s.api.post("/api/v1/users/" + s.fixture.member().userId() + "/restore", token, null)),
        READ_JOB(false, (s, token) -> s.api.get("/api/v1/deletion-jobs/" + s.otherTenantsJob(), token)),
        LIST_JOBS(false, (s, token) -> s.api.get("/api/v1/deletion-jobs?tenant_id=" + s.fixture.tenantId(), token)),
        START_JOB(true, (s, token) -> s.api.post("/api/v1/deletion-jobs", token, Map.of("kind", "TENANT",
                "tenant_id", s.fixture.tenantId().toString()))),
        RETRY_JOB(false,
                (s, token) -> s.api.post("/api/v1/deletion-jobs/" + s.otherTenantsJob() + "/retry", token, null)),
        READ_CERTIFICATE(false,
                (s, token) -> s.api.get("/api/v1/deletion-jobs/" + s.otherTenantsJob() + "/certificate", token)),
        AUDIT_ENTRIES(false, (s, token) -> s.api.get("/api/v1/deletion-audit?job_id=" + s.otherTenantsJob(), token)),
        AUDIT_VERIFICATION(false, (s, token) -> s.api.get("/api/v1/deletion-audit/verification", token)),
        SCAN_TENANT(false,
                (s, token) -> s.api.get("/api/v1/orders/tenant/" + s.fixture.tenantId() + "/deletion-scan", token)),
        LIST_JOBS_FILTERED(false,
                (s, token) -> s.api.get("/api/v1/deletion-jobs?kind=TENANT&status=COMPLETED&status=FAILED&subject_id="
                        + s.otherTenant() + "&created_after=2020-01-01T00:00:00Z&limit=10&offset=0", token)),
        JOB_STATS(false, (s, token) -> s.api.get("/api/v1/deletion-jobs/stats", token)),
        LIST_EVENT_OUTBOXES(false, (s, token) -> s.api.get("/api/v1/event-outboxes", token)),
        LIST_DEAD_LETTERS(false,
                (s, token) -> s.api.get("/api/v1/event-outboxes/deletion-orchestrator/events?status=DEAD", token)),
        /** No such event: those allowed hear 404, the others 403. */
        REPLAY_EVENT(false, (s, token) -> s.api.post("/api/v1/event-outboxes/deletion-orchestrator/events/"
                + UUID.randomUUID() + "/replay", token, null)),
        /** What the law keeps of the deleted other tenant: the RECORDS_OFFICER's alone (RecordsKeptByLawEndToEndTest reads it). */
        READ_RETAINED_RECORDS(false, (s, token) -> s.api.post("/api/v1/retained-records/reads", token, Map.of(
                "tenant_id", s.otherTenant().toString(), "service", "orders", "reason", "Tax audit reference 2027/42"))),
        RETAINED_RECORDS_IN_A_SERVICE(false,
                (s, token) -> s.api.get("/api/v1/orders/tenant/" + s.otherTenant() + "/retained-records", token)),
        /** Sets the member's granted roles to none, which they hold anyway: allowed or not, nothing changes. */
        GRANT_PLATFORM_ROLES(false,
                (s, token) -> s.api.put("/api/v1/users/" + s.fixture.member().userId() + "/platform-roles", token,
                        Map.of("platform_roles", List.of()))),
        /** An allowed start uses the tenant's one export of the day, so each gets a tenant of its own. */
        START_TENANT_EXPORT(true,
                (s, token) -> s.api.post("/api/v1/tenants/" + s.fixture.tenantId() + "/exports", token, null)),
        /** An export id that is no export: whoever may read the tenant's exports hears 404, the others 403. */
        READ_TENANT_EXPORT(false, (s, token) -> s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/exports/"
                + Scenario.NO_EXPORT, token)),
        DOWNLOAD_TENANT_EXPORT(false, (s, token) -> s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/exports/"
                + Scenario.NO_EXPORT + "/archive", token)),
        /** The member's own data; an allowed start uses their one export of the day, so each gets a scenario of its own. */
        START_USER_EXPORT(true,
                (s, token) -> s.api.post("/api/v1/users/" + s.fixture.member().userId() + "/exports", token, null)),
        READ_USER_EXPORT(false, (s, token) -> s.api.get("/api/v1/users/" + s.fixture.member().userId() + "/exports/"
                + Scenario.NO_EXPORT, token)),
        DOWNLOAD_USER_EXPORT(false, (s, token) -> s.api.get("/api/v1/users/" + s.fixture.member().userId() + "/exports/"
                + Scenario.NO_EXPORT + "/archive", token)),
        EXPORT_TABLES_IN_A_SERVICE(false,
                (s, token) -> s.api.get("/api/v1/orders/tenant/" + s.fixture.tenantId() + "/export-tables", token)),
        EXPORT_ROWS_IN_A_SERVICE(false, (s, token) -> s.api.get("/api/v1/orders/tenant/" + s.fixture.tenantId()
                + "/export-tables/customers/rows", token)),
        // What an operator may not do: bakery data, memberships, accounts, the participants, metrics.
        READ_BAKERY_DATA(false,
                (s, token) -> s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/customers", token)),
        WRITE_BAKERY_DATA(false,
                (s, token) -> s.api.post("/api/v1/tenants/" + s.fixture.tenantId() + "/ingredients", token,
                        Map.of("name", "Harina " + UUID.randomUUID(), "category", "FLOUR", "unit", "KG",
                                "reorder_level", 5))),
        DEMO_DATA(false,
                (s, token) -> s.api.post("/api/v1/recipes/tenant/" + s.fixture.tenantId() + "/demo-data?size=small",
                        token, null)),
        LIST_MEMBERS(false, (s, token) -> s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/members", token)),
        READ_ACCOUNT(false, (s, token) -> s.api.get("/api/v1/users/" + s.fixture.member().userId(), token)),
        PREVIEW_TENANT_IN_A_SERVICE(false,
                (s, token) -> s.api.get("/api/v1/orders/tenant/" + s.fixture.tenantId() + "/deletion-preview", token)),
        DELETE_TENANT_IN_A_SERVICE(true,
                (s, token) -> s.api.delete("/api/v1/orders/tenant/" + s.fixture.tenantId(), token)),
        PREVIEW_USER_IN_A_SERVICE(false,
                (s, token) -> s.api.get("/api/v1/orders/user/" + s.fixture.member().userId() + "/deletion-preview", token)),
        METRICS(false, (s, token) -> s.api.get("/actuator/prometheus", token)),
        /** Public: the bearer token is not read at all, so no token makes a wrong secret right. */
        SERVICE_TOKEN_EXCHANGE(false, (s, token) -> s.api.post("/api/v1/auth/service-token", token,
                Map.of("client_id", "bakery-platform", "client_secret", "not-the-secret")));

        final boolean destructive;
        private final BiFunction<Scenario, String, ApiClient.Response> request;

        Endpoint(boolean destructive, BiFunction<Scenario, String, ApiClient.Response> request) {
            this.destructive = destructive;
            this.request = request;
        }

        ApiClient.Response call(Scenario scenario, String token) {
            return request.apply(scenario, token);
        }
    }

    /**
     * Expected status per caller, in the order of {@link CallerKind} up to OPERATOR (bad tokens are always
     * 401). A retry by a service or an operator is a 409: the job it names has not failed. The OPERATOR
     * is a user in no tenant whose account holds the platform role: every deletion record, nothing else.
     */
    private static final Map<Endpoint, int[]> EXPECTED = Map.ofEntries(
            Map.entry(Endpoint.PREVIEW_TENANT, new int[] {200, 200, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.DELETE_TENANT, new int[] {202, 202, 403, 403, 403, 202, 202}),
            // Nothing is scheduled in the shared tenant: those allowed to restore hear that, the others 403.
            Map.entry(Endpoint.RESTORE_TENANT, new int[] {409, 409, 403, 403, 403, 409, 409}),
            Map.entry(Endpoint.PREVIEW_USER, new int[] {403, 403, 200, 403, 403, 200, 200}),
            Map.entry(Endpoint.DELETE_USER, new int[] {403, 403, 202, 403, 403, 202, 202}),
            // Services and operators only (the subject too is refused: a person cancels by logging in); nothing is scheduled: 409.
            Map.entry(Endpoint.RESTORE_USER, new int[] {403, 403, 403, 403, 403, 409, 409}),
            Map.entry(Endpoint.READ_JOB, new int[] {403, 403, 403, 403, 200, 200, 200}),
            Map.entry(Endpoint.LIST_JOBS, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.START_JOB, new int[] {403, 403, 403, 403, 403, 202, 202}),
            Map.entry(Endpoint.RETRY_JOB, new int[] {403, 403, 403, 403, 403, 409, 409}),
            // Readable by whoever may read the job: its initiator (the other owner), services and operators.
            Map.entry(Endpoint.READ_CERTIFICATE, new int[] {403, 403, 403, 403, 200, 200, 200}),
            Map.entry(Endpoint.AUDIT_ENTRIES, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.AUDIT_VERIFICATION, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.SCAN_TENANT, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.LIST_JOBS_FILTERED, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.JOB_STATS, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.LIST_EVENT_OUTBOXES, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.LIST_DEAD_LETTERS, new int[] {403, 403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.REPLAY_EVENT, new int[] {403, 403, 403, 403, 403, 404, 404}),
            // Not the bakery's former members, not a service, not an operator: a RECORDS_OFFICER only.
            Map.entry(Endpoint.READ_RETAINED_RECORDS, new int[] {403, 403, 403, 403, 403, 403, 403}),
            Map.entry(Endpoint.RETAINED_RECORDS_IN_A_SERVICE, new int[] {403, 403, 403, 403, 403, 200, 403}),
            // Roles are granted by services (and configuration), never by a person, an operator included.
            Map.entry(Endpoint.GRANT_PLATFORM_ROLES, new int[] {403, 403, 403, 403, 403, 200, 403}),
            // A bakery's export: its OWNER and ADMINs, services and operators.
            Map.entry(Endpoint.START_TENANT_EXPORT, new int[] {202, 202, 403, 403, 403, 202, 202}),
            Map.entry(Endpoint.READ_TENANT_EXPORT, new int[] {404, 404, 403, 403, 403, 404, 404}),
            Map.entry(Endpoint.DOWNLOAD_TENANT_EXPORT, new int[] {404, 404, 403, 403, 403, 404, 404}),
            // A person's own data: the person, services and operators.
            Map.entry(Endpoint.START_USER_EXPORT, new int[] {403, 403, 202, 403, 403, 202, 202}),
            Map.entry(Endpoint.READ_USER_EXPORT, new int[] {403, 403, 404, 403, 403, 404, 404}),
            Map.entry(Endpoint.DOWNLOAD_USER_EXPORT, new int[] {403, 403, 404, 403, 403, 404, 404}),
            // The export sources of the services: services only (the orchestrator reads them).
            Map.entry(Endpoint.EXPORT_TABLES_IN_A_SERVICE, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.EXPORT_ROWS_IN_A_SERVICE, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.READ_BAKERY_DATA, new int[] {200, 200, 200, 200, 403, 200, 403}),
            Map.entry(Endpoint.WRITE_BAKERY_DATA, new int[] {201, 201, 201, 403, 403, 201, 403}),
            Map.entry(Endpoint.DEMO_DATA, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.LIST_MEMBERS, new int[] {200, 200, 200, 200, 403, 200, 403}),
            Map.entry(Endpoint.READ_ACCOUNT, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.PREVIEW_TENANT_IN_A_SERVICE, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.DELETE_TENANT_IN_A_SERVICE, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.PREVIEW_USER_IN_A_SERVICE, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.METRICS, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.SERVICE_TOKEN_EXCHANGE, new int[] {401, 401, 401, 401, 401, 401, 401}));

    private static Scenario shared;

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    JwtSigningKey signingKey;

    @Autowired
    SecurityProperties security;

    static Stream<Arguments> cases() {
        return CallerKind.cases(Endpoint.class, EXPECTED);
    }

    /**
     * The public certificate paths ignore whatever token comes along: the keys are anyone's, and
     * the hand-over answers only to the job's hand-over token (a tenant job has none), so 404 for all.
     */
    @ParameterizedTest(name = "public certificate paths for {0}")
    @org.junit.jupiter.params.provider.EnumSource(CallerKind.class)
    void thePublicCertificatePathsAnswerEveryCallerAlike(CallerKind caller) {
        Scenario scenario = sharedScenario();
        String token = token(caller, scenario);
        assertThat(scenario.api.get("/api/v1/deletion-certificates/jwks.json", token).status()).isEqualTo(200);
        ApiClient.Response handOver = scenario.api.get("/api/v1/deletion-certificates/" + scenario.otherTenantsJob(), token);
        assertThat(handOver.status()).as("%s: %s", caller, handOver).isEqualTo(404);
        assertThat(handOver.isProblem()).isTrue();
    }

    /**
     * The operator console's pages and settings hold no data: every caller gets the same pages, a
     * token of any kind (or a bad one) is not even read. What the pages then do is API calls, each
     * judged by the rows above with the person's own token.
     */
    @ParameterizedTest(name = "the console's pages for {0}")
    @org.junit.jupiter.params.provider.EnumSource(CallerKind.class)
    void theConsolesPagesAnswerEveryCallerAlike(CallerKind caller) {
        Scenario scenario = sharedScenario();
        String token = token(caller, scenario);
        for (String page : List.of("/console/", "/console/app.js", "/console/console.css")) {
            ApiClient.Response answer = scenario.api.get(page, token);
            assertThat(answer.status()).as("%s for %s: %s", page, caller, answer).isEqualTo(200);
            assertThat(answer.header("Content-Security-Policy")).as(page).singleElement().asString()
                    .contains("frame-ancestors 'none'");
        }
        ApiClient.Response config = scenario.api.get("/console/config.json", token);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("auth_url").asText()).isEmpty();
    }

    @ParameterizedTest(name = "{0} by {1} answers {2}")
    @MethodSource("cases")
    void eachCallerGetsExactlyWhatTheRuleAllows(Endpoint endpoint, CallerKind caller, int expected) {
        boolean changes = expected < 300 && endpoint.destructive;
        Scenario scenario = changes ? newScenario() : sharedScenario();

        ApiClient.Response response = endpoint.call(scenario, token(caller, scenario));

        assertThat(response.status()).as("%s by %s: %s", endpoint, caller, response).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("problem+json for %s", response).isTrue();
        }
        if (!changes) {
            // Nothing the shared scenario depends on was deleted or marked by a refused (or reading) call.
            JsonNode tenant = scenario.api.get("/api/v1/tenants/" + scenario.fixture.tenantId(),
                    scenario.fixture.owner().accessToken()).json();
            assertThat(tenant.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(scenario.api.get("/api/v1/users/me", scenario.fixture.member().accessToken()).status())
                    .isEqualTo(200);
        }
    }

    /** The tombstone names nobody: deleting "it" would rewrite it to itself forever. Every deletion endpoint says so at once. */
    @org.junit.jupiter.api.Test
    void theTombstoneIdIsRefusedByEveryDeletionEndpointAsABadRequest() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("ops").value();
        String nil = "00000000-0000-0000-0000-000000000000";
        List<ApiClient.Response> answers = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> List.of(
                        api.delete("/api/v1/orders/user/" + nil, service),
                        api.get("/api/v1/orders/user/" + nil + "/deletion-preview", service),
                        api.delete("/api/v1/orders/tenant/" + nil, service),
                        api.delete("/api/v1/tenant/tenant/" + nil, service),
                        api.delete("/api/v1/auth/user/" + nil, service),
                        api.delete("/api/v1/users/" + nil, service),
                        api.get("/api/v1/users/" + nil + "/deletion-preview", service),
                        api.post("/api/v1/users/" + nil + "/restore", service, null),
                        api.delete("/api/v1/tenants/" + nil, service),
                        api.get("/api/v1/tenants/" + nil + "/deletion-preview", service),
                        api.post("/api/v1/deletion-jobs", service, Map.of("kind", "TENANT", "tenant_id", nil))));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.text()).contains("tombstone");
        });
    }

    /** The OpenAPI document states what the deletion endpoints answer, refusals included. */
    @org.junit.jupiter.api.Test
    void theApiDocumentListsEveryAnswerOfTheDeletionEndpoints() {
        JsonNode paths = ApiClient.onPort(port).get("/v3/api-docs", null).json().path("paths");

        assertThat(paths.path("/api/v1/tenants/{tenant_id}").path("delete").path("responses").propertyNames())
                .contains("202", "400", "401", "403", "404", "503");
        assertThat(paths.path("/api/v1/tenants/{tenant_id}/deletion-preview").path("get").path("responses").propertyNames())
                .contains("200", "401", "403", "404", "409");
        assertThat(paths.path("/api/v1/users/{user_id}").path("delete").path("responses").propertyNames())
                .contains("202", "400", "401", "403", "404", "409", "503");
        assertThat(paths.path("/api/v1/users/{user_id}/restore").path("post").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409", "503");
        assertThat(paths.path("/api/v1/deletion-jobs/{job_id}/retry").path("post").path("responses").propertyNames())
                .contains("202", "403", "404", "409");
        assertThat(paths.path("/api/v1/tenants/{tenant_id}/status").path("put").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409");
        assertThat(paths.path("/api/v1/tenants/{tenant_id}/restore").path("post").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409");
        assertThat(paths.path("/api/v1/tenants/user/{user_id}/memberships").path("get").path("responses").propertyNames())
                .contains("200", "400", "401", "403");
        JsonNode list = paths.path("/api/v1/deletion-jobs").path("get");
        assertThat(list.path("responses").propertyNames()).contains("200", "400", "401", "403");
        assertThat(list.path("parameters").valueStream().map(parameter -> parameter.path("name").asText()))
                .containsExactlyInAnyOrder("kind", "status", "subject_id", "tenant_id", "created_after", "created_before",
                        "limit", "offset");
        JsonNode limit = list.path("parameters").valueStream().filter(parameter -> parameter.path("name").asText()
                .equals("limit")).findFirst().orElseThrow().path("schema");
        assertThat(limit.path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("maximum").asInt()).isEqualTo(500);
        assertThat(limit.path("default").asInt()).isEqualTo(50);
        assertThat(paths.path("/api/v1/deletion-jobs/stats").path("get").path("responses").propertyNames())
                .contains("200", "401", "403");
        assertThat(paths.path("/api/v1/users/{user_id}/platform-roles").path("put").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409");
    }

    /**
     * An operator deletes a tenant at once (support acting for a legal deadline): the job records them
     * as its initiator like any person. Revoked by a service, the same token is refused on the next request.
     */
    @org.junit.jupiter.api.Test
    void anOperatorDeletesATenantAtOnceAsThemselvesUntilAServiceRevokesTheRole() {
        Scenario scenario = newScenario();
        TenantFixture.Member operator = scenario.callers.operator();
        String service = tokens.issueServiceToken("ops").value();
        ApiClient.Response preview = scenario.api.get("/api/v1/tenants/" + scenario.fixture.tenantId()
                + "/deletion-preview", operator.accessToken());
        assertThat(preview.json().path("tenant_name").asText()).startsWith("Bakery ");
        assertThat(preview.json().path("tenant_status").asText()).isEqualTo("ACTIVE");

        ApiClient.Response deleted = scenario.api.delete("/api/v1/tenants/" + scenario.fixture.tenantId()
                + "?immediate=true", operator.accessToken());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        String jobId = deleted.json().path("job_id").asText();
        JsonNode job = await().atMost(Duration.ofMinutes(1)).until(() -> scenario.api.get("/api/v1/deletion-jobs/"
                + jobId, operator.accessToken()).json(), read -> read.path("status").asText().equals("COMPLETED"));
        assertThat(job.path("initiated_by").asText()).isEqualTo(operator.userId().toString());
        assertThat(scenario.api.get("/api/v1/deletion-audit?job_id=" + jobId, operator.accessToken()).json()
                .path("entries").get(0).path("actor").asText()).isEqualTo("user:" + operator.userId());
        assertThat(scenario.api.get("/api/v1/users/me", operator.accessToken()).json().path("platform_roles").get(0)
                .asText()).isEqualTo("OPERATOR");

        ApiClient.Response revoked = scenario.api.put("/api/v1/users/" + operator.userId() + "/platform-roles", service,
                Map.of("platform_roles", List.of()));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        ApiClient.Response refused = scenario.api.get("/api/v1/deletion-jobs/stats", operator.accessToken());
        assertThat(refused.status()).as("the same token, on the next request").isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(scenario.api.get("/api/v1/users/me", operator.accessToken()).json().path("platform_roles").isEmpty())
                .isTrue();
    }

    private Scenario sharedScenario() {
        if (shared == null || shared.port != port) {
            shared = newScenario();
        }
        return shared;
    }

    private Scenario newScenario() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        return new Scenario(port, api, fixture, new CallerTokens(tokens, signingKey, security, api));
    }

    private String token(CallerKind caller, Scenario scenario) {
        return scenario.callers.of(caller, scenario.fixture);
    }

    /** A tenant fixture; its outsider owns another tenant, deleted once by the outsider for the job endpoints. */
    static final class Scenario {

        /** An export id that is no export of any tenant. */
        static final UUID NO_EXPORT = UUID.fromString("0e0e0e0e-0000-4000-8000-00000000e0e0");

        final int port;
        final ApiClient api;
        final TenantFixture fixture;
        final CallerTokens callers;
        private UUID otherTenant;
        private UUID otherTenantsJob;

        Scenario(int port, ApiClient api, TenantFixture fixture, CallerTokens callers) {
            this.port = port;
            this.api = api;
            this.fixture = fixture;
            this.callers = callers;
        }

        /** The tenant the outsider owned, deleted by its job. */
        synchronized UUID otherTenant() {
            otherTenantsJob();
            return otherTenant;
        }

        /** A completed job that deleted a tenant the outsider owned, started by the outsider. */
        synchronized UUID otherTenantsJob() {
            if (otherTenantsJob == null) {
                UUID other = TenantFixture.createTenant(api, fixture.outsider(), "Other bakery");
                otherTenant = other;
                ApiClient.Response started = api.delete("/api/v1/tenants/" + other, fixture.outsider().accessToken());
                assertThat(started.status()).as(started.toString()).isEqualTo(202);
                otherTenantsJob = UUID.fromString(started.json().path("job_id").asText());
                await().atMost(Duration.ofMinutes(1)).until(() -> api.get("/api/v1/deletion-jobs/" + otherTenantsJob,
                        fixture.outsider().accessToken()).json().path("status").asText().equals("COMPLETED"));
            }
            return otherTenantsJob;
        }
    }
}
