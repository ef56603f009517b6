package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.ParticipantFaults;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.job.StepStatus;
import com.bakeryia.orchestrator.requests.DeletionJobLifecycleTest;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs that failed recover: by themselves once {@code failed-job-retry-interval} (1 h in the test
 * settings) has passed on the shared test clock, once per failure however many passes race, and
 * when the tenant's deletion is asked for again; the failed-job gauges count them.
 *
 * <p>Advancing the clock past the interval retries every FAILED job in the shared store, including
 * those of tests that already ran (they are done looking at them); it would also expire every live
 * lease, so each test first waits until no job is under way.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailedJobRecoveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration RETRY_INTERVAL = Duration.ofHours(1);

    @LocalServerPort
    int port;

    @Autowired
    DeletionJobs jobs;

    @Autowired
    DeletionJobReads reads;

    @Autowired
    FailedJobRetries retries;

    @Autowired
    DeletionWorker worker;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JwtTokens tokens;

    @Autowired
    OrchestratorProperties properties;

    private final TestTenants tenants = new TestTenants();
    private final ParticipantFaults faults = ParticipantFaults.INSTANCE;

    @BeforeEach
    void awaitNoJobUnderWay() {
        assertThat(properties.failedJobRetryInterval()).isEqualTo(RETRY_INTERVAL);
        await().atMost(PATIENCE).until(() -> reads.list(null, JobStatus.PENDING, 1, Instant.now()).isEmpty()
                && reads.list(null, JobStatus.RUNNING, 1, Instant.now()).isEmpty());
    }

    @AfterEach
    void clearFaults() {
        faults.reset();
        worker.start();
    }

    @Test
    void aFailedJobIsRetriedByItselfOnceTheIntervalHasPassedAndNotBefore() {
        UUID tenant = tenants.seed(5);
        faults.down("ledger", true);
        DeletionJobSummary failed = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        faults.down("ledger", false);
        double autoRetriedBefore = counter("auto_retried");

        OrchestratorTestApplication.CLOCK.advance(RETRY_INTERVAL.minusMinutes(1));
        // Several passes of the worker (every 100 ms) leave it alone, and so does one run here.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> jobs.find(failed.jobId()).orElseThrow().status() == JobStatus.FAILED);
        assertThat(retries.retryDue()).doesNotContain(failed.jobId());

        OrchestratorTestApplication.CLOCK.advance(Duration.ofMinutes(2));
        DeletionJobSummary done = awaitStatus(failed.jobId(), JobStatus.COMPLETED);

        assertThat(DeletionJobLifecycleTest.step(done, StepPhase.DELETE, "ledger").attemptHistory())
                .extracting(DeletionJobSummary.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "FAILED", "SUCCEEDED");
        assertThat(DeletionJobLifecycleTest.step(done, StepPhase.DELETE, "pantry").attempts())
                .as("steps that succeeded do not run again").isEqualTo(1);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
        assertThat(tenants.recordExists(tenant)).isFalse();
        assertThat(counter("auto_retried")).isGreaterThanOrEqualTo(autoRetriedBefore + 1);
    }

    @Test
    void concurrentAutomaticRetryPassesRetryAFailedJobOnce() throws Exception {
        UUID tenant = tenants.seed(3);
        faults.down("oven", true);
        DeletionJobSummary failed = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        // This context's worker is the only one: paused, the passes below are the only ones.
        worker.stop();
        faults.down("oven", false);
        OrchestratorTestApplication.CLOCK.advance(RETRY_INTERVAL.plusMinutes(1));

        int passes = 8;
        CyclicBarrier together = new CyclicBarrier(passes);
        ExecutorService threads = Executors.newFixedThreadPool(passes);
        List<UUID> retried;
        try {
            Callable<List<UUID>> pass = () -> {
                together.await();
                return retries.retryDue();
            };
            retried = threads.invokeAll(Collections.nCopies(passes, pass)).stream()
                    .flatMap(result -> get(result).stream()).toList();
        } finally {
            threads.shutdownNow();
        }

        // Another cached test context's worker (same job store, same shared clock) may win the race
        // against these passes; either way the job is retried exactly once: one fresh set of attempts.
        assertThat(retried).filteredOn(failed.jobId()::equals).hasSizeLessThanOrEqualTo(1);
        DeletionJobSummary running = jobs.find(failed.jobId()).orElseThrow();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        DeletionJobSummary.StepResult oven = DeletionJobLifecycleTest.step(running, StepPhase.DELETE, "oven");
        assertThat(oven.status()).isEqualTo(StepStatus.PENDING);
        assertThat(oven.attemptLimit()).as("one fresh set of attempts, not several").isEqualTo(3 + 3);
        assertThat(retries.retryDue()).as("a RUNNING job is not retried").doesNotContain(failed.jobId());

        worker.start();
        assertThat(awaitStatus(failed.jobId(), JobStatus.COMPLETED).errors()).isEmpty();
    }

    @Test
    void theGaugesCountFailedJobsAndTheAgeOfTheOldest() {
        UUID tenant = tenants.seed(2);
        faults.down("pantry", true);
        DeletionJobSummary failed = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        long failedInStore = failedInStore();
        assertThat(failedInStore).isPositive();

        await().atMost(PATIENCE).until(() -> gauge("bakery.deletion.jobs.failed") == failedInStore());
        OrchestratorTestApplication.CLOCK.advance(Duration.ofMinutes(30));
        assertThat(gauge("bakery.deletion.jobs.failed.oldest.age"))
                .as("the oldest FAILED job failed at least 30 minutes ago by the clock")
                .isGreaterThanOrEqualTo(30 * 60);

        faults.down("pantry", false);
        assertThat(jobs.retry(failed.jobId(), Initiator.service("test"))).isEqualTo(DeletionJobs.RetryOutcome.RETRIED);
        awaitStatus(failed.jobId(), JobStatus.COMPLETED);
        await().atMost(PATIENCE).until(() -> gauge("bakery.deletion.jobs.failed") == failedInStore());
        assertThat(reads.list(null, JobStatus.FAILED, 1000, Instant.now())).extracting(DeletionJobSummary::jobId)
                .doesNotContain(failed.jobId());
    }

    @Test
    void aRepeatedDeleteOfATenantWhoseJobFailedRetriesIt() {
        UUID tenant = tenants.seed(4);
        String admin = tokens.issueUserToken(OrchestratorTestApplication.ADMIN_USER).value();
        faults.down("ledger", true);
        ApiClient.Response first = api().delete("/api/v1/tenants/" + tenant, admin);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        UUID jobId = UUID.fromString(first.json().path("job_id").asText());
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.FAILED);
        faults.down("ledger", false);

        ApiClient.Response again = api().delete("/api/v1/tenants/" + tenant,
                tokens.issueUserToken(OrchestratorTestApplication.ADMIN_USER).value());

        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.json().path("job_id").asText()).isEqualTo(jobId.toString());
        assertThat(again.json().path("status").asText()).isEqualTo("RUNNING");
        assertThat(again.header("Location")).containsExactly("/api/v1/deletion-jobs/" + jobId);
        DeletionJobSummary done = awaitStatus(jobId, JobStatus.COMPLETED);
        assertThat(DeletionJobLifecycleTest.step(done, StepPhase.DELETE, "ledger").attempts()).isEqualTo(4);
        assertThat(tenants.recordExists(tenant)).isFalse();
    }

    @Test
    void aServiceStartingTheJobOfATenantWhoseJobFailedRetriesIt() {
        UUID tenant = tenants.seed(1);
        faults.down("oven", true);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.FAILED);
        faults.down("oven", false);

        ApiClient.Response again = api().post("/api/v1/deletion-jobs", tokens.issueServiceToken("tenant-service").value(),
                java.util.Map.of("kind", "TENANT", "tenant_id", tenant.toString()));

        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.json().path("job_id").asText()).isEqualTo(jobId.toString());
        assertThat(again.json().path("status").asText()).isEqualTo("RUNNING");
        assertThat(awaitStatus(jobId, JobStatus.COMPLETED).errors()).isEmpty();
    }

    private long failedInStore() {
        return tenants.jdbc().queryForObject("select count(*) from deletion.deletion_jobs where status = 'FAILED'", Long.class);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double counter(String event) {
        var counter = meters.find("bakery.deletion.jobs").tag("event", event).counter();
        return counter == null ? 0 : counter.count();
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !jobs.find(jobId).orElseThrow().inProgress());
        return jobs.find(jobId).orElseThrow();
    }

    private DeletionJobSummary awaitStatus(UUID jobId, JobStatus status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.find(jobId).orElseThrow().status() == status);
        return jobs.find(jobId).orElseThrow();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
