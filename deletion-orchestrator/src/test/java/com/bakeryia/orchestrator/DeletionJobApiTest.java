package com.bakeryia.orchestrator;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The job endpoints over real HTTP (services only for now), and the remote participant binding. */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionJobApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeletionJobs jobs;

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
        assertThat(steps.size()).as("3 DELETE, 3 VERIFY, 3 SCAN, 1 FINAL").isEqualTo(10);
        var firstStep = steps.get(0);
        assertThat(firstStep.path("service").asText()).isEqualTo("ledger");
        assertThat(firstStep.path("phase").asText()).isEqualTo("DELETE");
        assertThat(firstStep.path("counts").path("deleted").path("ledger.entries").asLong()).isEqualTo(7);
        assertThat(firstStep.path("attempt_history").get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.text()).doesNotContain("lease_owner");
    }

    @Test
    void servicesListJobsByTenantAndStatus() {
        UUID tenant = tenants.seed(2);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        awaitStatus(jobId, "COMPLETED");

        ApiClient.Response byTenant = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant, serviceToken());
        ApiClient.Response completed = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant + "&status=COMPLETED", serviceToken());
        ApiClient.Response failed = api().get("/api/v1/deletion-jobs?tenant_id=" + tenant + "&status=FAILED", serviceToken());

        assertThat(byTenant.status()).isEqualTo(200);
        assertThat(byTenant.json().size()).isEqualTo(1);
        assertThat(byTenant.json().get(0).path("job_id").asText()).isEqualTo(jobId.toString());
        assertThat(completed.json().size()).isEqualTo(1);
        assertThat(failed.json().size()).isZero();
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
        assertThat(api().get("/api/v1/deletion-jobs?status=DONE", serviceToken()).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/deletion-jobs?tenant_id=42", serviceToken()).status()).isEqualTo(400);
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

    private void awaitStatus(UUID jobId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.find(jobId).orElseThrow().status().name().equals(status));
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }

    private String serviceToken() {
        return tokens.issueServiceToken("tenant-service").value();
    }
}
