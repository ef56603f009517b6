package com.bakeryia.orchestrator.api;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.ParticipantFaults;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting jobs over {@code POST /api/v1/deletion-jobs} (services only; what the platform's remote
 * launcher calls) and who may read a job: services and the user who started it; other users 403.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionJobStartApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeletionJobs jobs;

    @Autowired
    JwtTokens tokens;

    private final TestTenants tenants = new TestTenants();

    @Test
    void aServiceStartsATenantJobOnceAndTheInitiatingUserMayReadIt() {
        UUID tenant = tenants.seed(2);
        UUID initiator = UUID.randomUUID();
        Map<String, Object> body = Map.of("kind", "TENANT", "tenant_id", tenant.toString(),
                "initiated_by_user_id", initiator.toString());

        // Oven is down, so the job is still unfinished when the second request comes.
        ParticipantFaults.INSTANCE.down("oven", true);
        ApiClient.Response first;
        ApiClient.Response second;
        try {
            first = api().post("/api/v1/deletion-jobs", serviceToken(), body);
            second = api().post("/api/v1/deletion-jobs", serviceToken(), body);
        } finally {
            ParticipantFaults.INSTANCE.reset();
        }

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String jobId = first.json().path("job_id").asText();
        assertThat(first.header("Location")).containsExactly("/api/v1/deletion-jobs/" + jobId);
        assertThat(second.json().path("job_id").asText()).isEqualTo(jobId);
        assertThat(first.json().path("initiated_by").asText()).isEqualTo(initiator.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            DeletionJobSummary job = jobs.find(UUID.fromString(jobId)).orElseThrow();
            if (job.status() == JobStatus.FAILED) {
                jobs.retry(job.jobId(), Initiator.service("test"));
            }
            return job.status() == JobStatus.COMPLETED;
        });

        assertThat(api().get("/api/v1/deletion-jobs/" + jobId, tokens.issueUserToken(initiator).value()).status())
                .isEqualTo(200);
        ApiClient.Response stranger = api().get("/api/v1/deletion-jobs/" + jobId,
                tokens.issueUserToken(UUID.randomUUID()).value());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.isProblem()).isTrue();
        assertThat(api().get("/api/v1/deletion-jobs/" + jobId, null).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/deletion-jobs/" + UUID.randomUUID(), tokens.issueUserToken(initiator).value())
                .status()).isEqualTo(404);
    }

    @Test
    void usersAndAnonymousCallersCannotStartJobsAndBadRequestsAreProblems() {
        UUID tenant = tenants.seed(1);
        Map<String, Object> body = Map.of("kind", "TENANT", "tenant_id", tenant.toString());

        assertThat(api().post("/api/v1/deletion-jobs", tokens.issueUserToken(UUID.randomUUID()).value(), body).status())
                .isEqualTo(403);
        assertThat(api().post("/api/v1/deletion-jobs", null, body).status()).isEqualTo(401);
        assertThat(api().post("/api/v1/deletion-jobs", serviceToken(), Map.of("kind", "TENANT")).status()).isEqualTo(400);
        ApiClient.Response userKind = api().post("/api/v1/deletion-jobs", serviceToken(),
                Map.of("kind", "USER", "tenant_id", tenant.toString()));
        assertThat(userKind.status()).isEqualTo(400);
        assertThat(userKind.isProblem()).isTrue();
        assertThat(api().post("/api/v1/deletion-jobs", serviceToken(),
                Map.of("kind", "TENANT", "tenant_id", "42")).status()).isEqualTo(400);
        assertThat(jobs.list(tenant, null, 10)).isEmpty();
    }

    /** A service that starts a job for a user records that user as who asked, not itself. */
    @Test
    void aServiceStartingAJobForAUserRecordsTheUser() {
        UUID tenant = tenants.seed(1);
        UUID user = UUID.randomUUID();

        ApiClient.Response started = api().post("/api/v1/deletion-jobs", serviceToken(),
                Map.of("kind", "TENANT", "tenant_id", tenant.toString(), "initiated_by_user_id", user.toString()));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        DeletionJobSummary job = jobs.find(UUID.fromString(started.json().path("job_id").asText())).orElseThrow();
        assertThat(job.subjectId()).isEqualTo(tenant);
        assertThat(job.initiatedBy()).isEqualTo(user);
        assertThat(job.initiatingService()).isNull();
    }

    @Test
    void theTenantsAdminsMayReadItsJobWhileTheTenantExistsButNotItsMembers() {
        UUID tenant = tenants.seed(1);
        ParticipantFaults.INSTANCE.down("oven", true);
        try {
            UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jobs.find(jobId).orElseThrow().status() == JobStatus.FAILED);
            String job = "/api/v1/deletion-jobs/" + jobId;

            // FAILED keeps the tenant record, so the tenant still has its admins.
            assertThat(tenants.recordExists(tenant)).isTrue();
            ApiClient.Response asAdmin = api().get(job, tokens.issueUserToken(OrchestratorTestApplication.ADMIN_USER).value());
            assertThat(asAdmin.status()).isEqualTo(200);
            // The admin sees which step failed, but no error text (it may name someone else or an
            // internal address) and no worker's host; a service sees them.
            assertThat(asAdmin.json().path("errors").path(0).asText()).startsWith("oven delete: ")
                    .endsWith(DeletionJobSummary.DETAIL_FOR_OPERATORS);
            assertThat(asAdmin.json().path("failed_step").path("service").asText()).isEqualTo("oven");
            assertThat(asAdmin.text()).doesNotContain("connection refused").doesNotContain("\"worker\"");
            ApiClient.Response asService = api().get(job, serviceToken());
            assertThat(asService.text()).contains("connection refused").contains("\"worker\"");
            assertThat(api().get(job, tokens.issueUserToken(OrchestratorTestApplication.MEMBER_USER).value()).status())
                    .isEqualTo(403);
            assertThat(api().post(job + "/retry", tokens.issueUserToken(OrchestratorTestApplication.ADMIN_USER).value(), null)
                    .status()).isEqualTo(403);
        } finally {
            ParticipantFaults.INSTANCE.reset();
        }
    }

    @Test
    void noJobIsStartedForATenantThatDoesNotExist() {
        UUID neverWas = UUID.randomUUID();

        ApiClient.Response refused = api().post("/api/v1/deletion-jobs", serviceToken(),
                Map.of("kind", "TENANT", "tenant_id", neverWas.toString(), "immediate", true));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.isProblem()).isTrue();
        assertThat(jobs.list(neverWas, null, 10)).as("no job, so no certificate of having deleted it").isEmpty();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }

    private String serviceToken() {
        return tokens.issueServiceToken("tenant-service").value();
    }
}
