package com.bakeryia.orchestrator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.FakeAccounts;
import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.ParticipantFaults;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.orchestrator.requests.UserDeletions;
import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The job endpoints over real HTTP (services, and operators: users whose account holds the platform
 * role), and the remote participant binding.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionJobApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeletionJobs jobs;

    @Autowired
    UserDeletions userDeletions;

    @Autowired
    JwtTokens tokens;

    @Autowired
    LocalDeletionParticipants localParticipants;

    @Autowired
    RestClient.Builder restClients;

    private final TestTenants tenants = new TestTenants();
    private final ParticipantFaults faults = ParticipantFaults.INSTANCE;

    @AfterEach
    void clearFaults() {
        faults.reset();
    }

    @Test
    void servicesReadAJobWithItsStepsAttemptsAndTotals() {
        UUID tenant = tenants.seed(7);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        awaitStatus(jobId, "COMPLETED");

        ApiClient.Response job = api().get("/api/v1/deletion-jobs/" + jobId, serviceToken());

        assertThat(job.status()).isEqualTo(200);
        assertThat(job.json().path("job_id").asText()).isEqualTo(jobId.toString());
        assertThat(job.json().path("subject_id").asText()).isEqualTo(tenant.toString());
        assertThat(job.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.json().path("total_items_deleted").asLong()).as("four tables of 7 and the tenant record").isEqualTo(7 * 4 + 1);
        assertThat(job.json().path("services_completed").asInt()).isEqualTo(3);
        assertThat(job.json().path("services_failed").asInt()).isZero();
        assertThat(job.json().path("duration").asText()).startsWith("PT");
        assertThat(job.json().path("duration_ms").isNumber()).isTrue();
        var steps = job.json().path("service_results");
        assertThat(steps.size()).as("3 DELETE, 3 VERIFY (each with the catalog scan), 1 FINAL").isEqualTo(7);
        var firstStep = steps.get(0);
        assertThat(firstStep.path("service").asText()).isEqualTo("ledger");
        assertThat(firstStep.path("phase").asText()).isEqualTo("DELETE");
        assertThat(firstStep.path("counts").path("deleted").path("ledger.entries").asLong()).isEqualTo(7);
        assertThat(firstStep.path("attempt_history").get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.text()).doesNotContain("lease_owner");
    }

    @Test
    void servicesListJobsByTenantAndStatusAPageAtATimeWithoutTheirSteps() {
        UUID tenant = tenants.seed(2);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        awaitStatus(jobId, "COMPLETED");

        ApiClient.Response byTenant = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant, serviceToken());
        ApiClient.Response completed = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant + "&status=COMPLETED", serviceToken());
        ApiClient.Response failed = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant + "&status=FAILED", serviceToken());

        assertThat(byTenant.status()).isEqualTo(200);
        assertThat(byTenant.json().path("limit").asInt()).isEqualTo(50);
        assertThat(byTenant.json().path("offset").asInt()).isZero();
        JsonNode item = byTenant.json().path("items").get(0);
        assertThat(byTenant.json().path("items").size()).isEqualTo(1);
        assertThat(item.path("job_id").asText()).isEqualTo(jobId.toString());
        assertThat(item.path("total_items_deleted").asLong()).isEqualTo(2 * 4 + 1);
        assertThat(item.path("services_completed").asInt()).isEqualTo(3);
        assertThat(item.has("service_results")).as("the job's own endpoint has the steps").isFalse();
        assertThat(item.has("failed_step")).isFalse();
        assertThat(completed.json().path("items").size()).isEqualTo(1);
        assertThat(failed.json().path("items").size()).isZero();
    }

    /**
     * Four jobs made here, after {@code since}: every filter, alone and together, and the paging over
     * them, newest first. (Other tests' jobs are older than {@code since}, or, those the lease engine's
     * test creates a day ahead, newer than {@code until}, so the window holds only these.)
     */
    @Test
    void aPageOfJobsIsNewestFirstAndMatchesEveryFilterGiven() {
        String since = OrchestratorTestApplication.CLOCK.instant().toString();
        UUID firstTenant = tenants.seed(1);
        DeletionJobSummary first = awaitStatus(jobs.startTenantDeletion(firstTenant, Initiator.service("ops")).jobId(),
                "COMPLETED");
        UUID failingTenant = tenants.seed(1);
        faults.down("oven", true);
        DeletionJobSummary failing = awaitStatus(jobs.startTenantDeletion(failingTenant, Initiator.service("ops")).jobId(),
                "FAILED");
        faults.down("oven", false);
        UUID person = UUID.randomUUID();
        DeletionJobSummary erasure = awaitStatus(userDeletions.start(new UserDeletions.Request(person,
                UserDeletions.OwnedTenants.TRANSFER, Map.of()), Initiator.service("ops")).jobId(), "COMPLETED");
        UUID lastTenant = tenants.seed(1);
        DeletionJobSummary last = awaitStatus(jobs.startTenantDeletion(lastTenant, Initiator.service("ops")).jobId(),
                "COMPLETED");
        String until = OrchestratorTestApplication.CLOCK.instant().plusSeconds(1).toString();
        String after = "/api/v1/deletion-jobs?created_after=" + since;
        String window = after + "&created_before=" + until;

        assertThat(ids(window)).containsExactly(last.jobId(), erasure.jobId(), failing.jobId(), first.jobId());
        assertThat(ids(window + "&limit=2")).containsExactly(last.jobId(), erasure.jobId());
        assertThat(ids(window + "&limit=2&offset=2")).containsExactly(failing.jobId(), first.jobId());
        assertThat(ids(window + "&limit=2&offset=4")).isEmpty();
        assertThat(ids(window + "&kind=USER")).containsExactly(erasure.jobId());
        assertThat(ids(window + "&kind=TENANT")).containsExactly(last.jobId(), failing.jobId(), first.jobId());
        assertThat(ids(window + "&status=FAILED")).containsExactly(failing.jobId());
        assertThat(ids(window + "&status=FAILED&status=COMPLETED&kind=TENANT"))
                .containsExactly(last.jobId(), failing.jobId(), first.jobId());
        assertThat(ids(window + "&status=FAILED,RUNNING")).containsExactly(failing.jobId());
        assertThat(ids(window + "&subject_id=" + person)).containsExactly(erasure.jobId());
        assertThat(ids("/api/v1/deletion-jobs?tenant_id=" + failingTenant)).containsExactly(failing.jobId());
        assertThat(ids("/api/v1/deletion-jobs?tenant_id=" + person)).as("tenant_id means a TENANT job's subject").isEmpty();
        assertThat(ids(after + "&created_before=" + erasure.createdAt())).containsExactly(failing.jobId(), first.jobId());
        assertThat(ids("/api/v1/deletion-jobs?created_after=" + first.createdAt() + "&created_before=" + failing.createdAt()))
                .as("created_after is inclusive, created_before exclusive").containsExactly(first.jobId());

        JsonNode failedItem = api().get(window + "&status=FAILED", serviceToken()).json().path("items").get(0);
        assertThat(failedItem.path("failed_step").path("service").asText()).isEqualTo("oven");
        assertThat(failedItem.path("failed_step").path("phase").asText()).isEqualTo("DELETE");
        assertThat(failedItem.path("failed_step").path("last_error").asText()).isNotBlank();
        assertThat(failedItem.path("errors").get(0).asText()).startsWith("oven delete: ");
        assertThat(failedItem.has("service_results")).isFalse();
        JsonNode failedJob = api().get("/api/v1/deletion-jobs/" + failing.jobId(), serviceToken()).json();
        assertThat(failedJob.path("failed_step")).isEqualTo(failedItem.path("failed_step"));
        assertThat(failedJob.path("service_results").isArray()).isTrue();
        jobs.retry(failing.jobId(), Initiator.service("test"));
        awaitStatus(failing.jobId(), "COMPLETED");
    }

    /**
     * A person whose account holds the platform role OPERATOR acts on every job as services do, and is
     * recorded by their user id; revoked in auth, they are refused on their very next request.
     */
    @Test
    void anOperatorListsStartsAndRetriesJobsAsThemselvesUntilTheRoleIsRevoked() {
        UUID operatorId = UUID.randomUUID();
        FakeAccounts.INSTANCE.grant(operatorId, PlatformRole.OPERATOR);
        String operator = tokens.issueUserToken(operatorId).value();
        UUID tenant = tenants.seed(2);
        faults.down("oven", true);

        ApiClient.Response started = api().post("/api/v1/deletion-jobs", operator, Map.of("kind", "TENANT",
                "tenant_id", tenant.toString()));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        UUID jobId = UUID.fromString(started.json().path("job_id").asText());
        assertThat(started.json().path("initiated_by").asText()).isEqualTo(operatorId.toString());
        assertThat(started.json().has("initiating_service")).isFalse();
        awaitStatus(jobId, "FAILED");
        faults.down("oven", false);
        ApiClient.Response listed = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant, operator);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("job_id").asText()).isEqualTo(jobId.toString());
        ApiClient.Response retried = api().post("/api/v1/deletion-jobs/" + jobId + "/retry", operator, null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        awaitStatus(jobId, "COMPLETED");
        JsonNode audit = api().get("/api/v1/deletion-audit?job_id=" + jobId, operator).json();
        assertThat(audit.path("entries").valueStream()
                .filter(entry -> List.of("REQUESTED", "RETRIED").contains(entry.path("action").asText()))
                .map(entry -> entry.path("actor").asText()))
                .containsExactly("user:" + operatorId, "user:" + operatorId);
        assertThat(api().get("/api/v1/deletion-jobs/stats", operator).status()).isEqualTo(200);
        ApiClient.Response namingSomeoneElse = api().post("/api/v1/deletion-jobs", operator, Map.of("kind", "TENANT",
                "tenant_id", tenants.seed(1).toString(), "initiated_by_user_id", UUID.randomUUID().toString()));
        assertThat(namingSomeoneElse.status()).as("a person is recorded as themself").isEqualTo(403);
        assertThat(namingSomeoneElse.isProblem()).isTrue();

        FakeAccounts.INSTANCE.grant(operatorId);

        ApiClient.Response revoked = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant, operator);
        assertThat(revoked.status()).as("the same token, the role revoked in auth").isEqualTo(403);
        assertThat(revoked.isProblem()).isTrue();
        assertThat(api().get("/api/v1/deletion-jobs/stats", operator).status()).isEqualTo(403);
        assertThat(api().get("/api/v1/deletion-jobs/" + jobId, operator).status())
                .as("the job they started, as any user who starts one").isEqualTo(200);
        UUID othersJob = jobs.startTenantDeletion(tenants.seed(1), Initiator.service("ops")).jobId();
        assertThat(api().get("/api/v1/deletion-jobs/" + othersJob, operator).status()).isEqualTo(403);
    }

    /** The figures over HTTP (their exact definitions: DeletionJobStatsTest), with a FAILED job made here. */
    @Test
    void theStatsCountAFailedJobMadeHereAndAreForServicesAndOperatorsOnly() {
        UUID tenant = tenants.seed(3);
        faults.down("oven", true);
        DeletionJobSummary failing = awaitStatus(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId(),
                "FAILED");
        faults.down("oven", false);

        ApiClient.Response stats = api().get("/api/v1/deletion-jobs/stats", serviceToken());

        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.json().propertyNames()).containsExactlyInAnyOrder("scheduled", "pending", "running", "failed",
                "oldest_failed_at", "oldest_failed_job_id", "rows_deleted_last_hour", "rows_deleted_per_minute");
        assertThat(stats.json().path("failed").asLong()).isPositive();
        assertThat(Instant.parse(stats.json().path("oldest_failed_at").asText())).isBeforeOrEqualTo(failing.completedAt());
        assertThat(stats.json().path("rows_deleted_last_hour").asLong())
                .as("the steps of this job that succeeded before oven failed").isGreaterThanOrEqualTo(
                        failing.totalItemsDeleted());
        assertThat(stats.json().path("rows_deleted_per_minute").isNumber()).isTrue();
        assertThat(api().get("/api/v1/deletion-jobs/stats", tokens.issueUserToken(UUID.randomUUID()).value()).status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/deletion-jobs/stats", null).status()).isEqualTo(401);
        jobs.retry(failing.jobId(), Initiator.service("test"));
        awaitStatus(failing.jobId(), "COMPLETED");
    }

    @Test
    void servicesRetryAFailedJobAndOnlyAFailedOne() {
        UUID tenant = tenants.seed(3);
        faults.down("oven", true);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        awaitStatus(jobId, "FAILED");
        faults.down("oven", false);

        ApiClient.Response retried = api().post("/api/v1/deletion-jobs/" + jobId + "/retry", serviceToken(), null);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Location")).containsExactly("/api/v1/deletion-jobs/" + jobId);
        awaitStatus(jobId, "COMPLETED");
        ApiClient.Response again = api().post("/api/v1/deletion-jobs/" + jobId + "/retry", serviceToken(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void refusesUsersAndAnonymousCallersOnEveryEndpoint() {
        UUID tenant = tenants.seed(1);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        String user = tokens.issueUserToken(UUID.randomUUID()).value();
        String job = "/api/v1/deletion-jobs/" + jobId;

        for (String token : new String[] {user, null}) {
            int expected = token == null ? 401 : 403;
            assertThat(api().get(job, token).status()).isEqualTo(expected);
            assertThat(api().get("/api/v1/deletion-jobs?tenant_id=" + tenant, token).status()).isEqualTo(expected);
            ApiClient.Response retry = api().post(job + "/retry", token, null);
            assertThat(retry.status()).isEqualTo(expected);
            assertThat(retry.isProblem()).isTrue();
        }
    }

    @Test
    void answersBadInputWithProblems() {
        assertThat(api().get("/api/v1/deletion-jobs/" + UUID.randomUUID(), serviceToken()).status()).isEqualTo(404);
        assertThat(api().post("/api/v1/deletion-jobs/" + UUID.randomUUID() + "/retry", serviceToken(), null).status())
                .isEqualTo(404);
        ApiClient.Response badId = api().get("/api/v1/deletion-jobs/not-a-uuid", serviceToken());
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.isProblem()).isTrue();
        Map<String, String> badLists = Map.ofEntries(
                Map.entry("status=DONE", "status"),
                Map.entry("tenant_id=42", "tenant_id"),
                Map.entry("subject_id=42", "subject_id"),
                Map.entry("kind=TENANTS", "kind"),
                Map.entry("limit=0", "limit"),
                Map.entry("limit=501", "limit"),
                Map.entry("limit=ten", "limit"),
                Map.entry("offset=-1", "offset"),
                Map.entry("created_after=yesterday", "created_after"),
                Map.entry("created_before=2026-13-01T00:00:00Z", "created_before"),
                Map.entry("created_after=2026-02-01T00:00:00Z&created_before=2026-01-01T00:00:00Z", "created_before"),
                Map.entry("kind=USER&tenant_id=" + UUID.randomUUID(), "tenant_id"),
                Map.entry("tenant_id=" + UUID.randomUUID() + "&subject_id=" + UUID.randomUUID(), "tenant_id"));
        badLists.forEach((query, parameter) -> {
            ApiClient.Response bad = api().get("/api/v1/deletion-jobs?" + query, serviceToken());
            assertThat(bad.status()).as("%s: %s", query, bad).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.json().path("detail").asText()).as(query).contains(parameter);
        });
    }

    /**
     * A participant in another process is reached over the HTTP binding with a service token: here
     * this process plays the remote side, so the whole round trip (JSON both ways) is real.
     */
    @Test
    void reachesAParticipantInAnotherProcessOverHttp() {
        UUID tenant = tenants.seed(6);
        var properties = new BakeryProperties(null, null, Map.of("pantry",
                new BakeryProperties.Service(java.net.URI.create("http://127.0.0.1:" + port), null)));
        var elsewhere = new RemoteServices(java.util.List.<ServiceModule>of(), properties,
                () -> tokens.issueServiceToken("orchestrator-test"), restClients, OrchestratorTestApplication.CLOCK);
        var directory = new ParticipantDirectory(new LocalDeletionParticipants(java.util.List.of(), java.util.List.of(),
                java.util.List.of(), new com.bakeryia.platform.deletion.DeletionProperties(10), OrchestratorTestApplication.CLOCK),
                elsewhere, Duration.ofSeconds(5));

        DeletionParticipant remote = directory.participant("pantry");
        long previewed = remote.preview(DeletionSubject.tenant(tenant)).remaining();
        DeletionResult result = remote.delete(DeletionSubject.tenant(tenant));

        assertThat(remote).isNotSameAs(localParticipants.find("pantry").orElseThrow());
        assertThat(previewed).isEqualTo(6);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.deleted()).containsExactly(Map.entry("pantry.items", 6L));
        assertThat(tenants.rowsOf(tenant).get("pantry.items")).isZero();
        assertThatThrownBy(() -> directory.participant("cellar")).hasMessageContaining("bakery.services.cellar.url");
    }

    private DeletionJobSummary awaitStatus(UUID jobId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.find(jobId).orElseThrow(), job -> job.status().name().equals(status));
    }

    /** The job ids of a list's page, in order. */
    private List<UUID> ids(String path) {
        ApiClient.Response page = api().get(path, serviceToken());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("items").valueStream().map(item -> UUID.fromString(item.path("job_id").asText())).toList();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }

    private String serviceToken() {
        return tokens.issueServiceToken("tenant-service").value();
    }
}
