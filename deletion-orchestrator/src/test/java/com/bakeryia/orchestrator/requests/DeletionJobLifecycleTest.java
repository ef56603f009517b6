package com.bakeryia.orchestrator.requests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.ParticipantFaults;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.job.StepStatus;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.SharedTestPostgresContextCustomizerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The saga end to end on the real PostgreSQL: phases, retries, timeouts, verification, crash and resume. */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class DeletionJobLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    DeletionJobs jobs;

    @Autowired
    DeletionWorker worker;

    @Autowired
    MeterRegistry meters;

    private final TestTenants tenants = new TestTenants();
    private final ParticipantFaults faults = ParticipantFaults.INSTANCE;

    @AfterEach
    void clearFaults() {
        faults.reset();
        worker.start();
    }

    @Test
    void completesAndReportsTotalsEqualToThePreviewTakenBefore() {
        UUID doomed = tenants.seed(40);
        UUID kept = tenants.seed(25);
        Map<String, Long> keptBefore = tenants.rowsOf(kept);
        TenantDeletionPreview preview = jobs.previewTenantDeletion(
                new TenantAccess(doomed, TenantStatus.DELETING, null, null, "Test bakery"));
        long previewed = preview.totalItems();
        double completedBefore = counter("completed");

        DeletionJobSummary started = jobs.startTenantDeletion(doomed, Initiator.user(UUID.randomUUID()));
        DeletionJobSummary done = awaitFinished(started.jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(preview.unavailable()).isEmpty();
        assertThat(preview.services()).extracting(TenantDeletionPreview.ServicePreview::service)
                .containsExactly("ledger", "oven", "pantry", "tenant");
        assertThat(previewed).as("40 rows in each of four tables, and the tenant record").isEqualTo(40 * 4 + 1);
        assertThat(done.totalItemsDeleted()).isEqualTo(previewed);
        assertThat(tenants.rowsOf(doomed)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(tenants.rowsOf(kept)).isEqualTo(keptBefore);
        assertThat(tenants.recordExists(doomed)).isFalse();
        assertThat(tenants.recordExists(kept)).isTrue();
        assertThat(done.servicesCompleted()).isEqualTo(3);
        assertThat(done.servicesFailed()).isZero();
        assertThat(done.serviceResults()).extracting(step -> step.phase() + " " + step.service() + " " + step.status())
                .containsExactly("DELETE ledger SUCCEEDED", "DELETE oven SUCCEEDED", "DELETE pantry SUCCEEDED",
                        "VERIFY ledger SUCCEEDED", "VERIFY oven SUCCEEDED", "VERIFY pantry SUCCEEDED",
                        "FINAL tenant SUCCEEDED");
        assertThat(step(done, StepPhase.VERIFY, "oven").counts().get("scanned"))
                .as("the verification scanned the live catalog too").containsEntry("rows_found", 0L)
                .containsEntry("tables", 2L);
        assertThat(step(done, StepPhase.DELETE, "oven").counts().get("deleted"))
                .containsEntry("oven.bakes", 40L).containsEntry("oven.bake_checks", 40L);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.completedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(counter("completed")).isEqualTo(completedBefore + 1);
        assertThat(meters.find("bakery.deletion.rows.deleted").tag("service", "oven").counter()).isNotNull();
        assertThat(meters.find("bakery.deletion.step.duration").tag("service", "pantry").timer()).isNotNull();
    }

    @Test
    void retriesAParticipantThatFailsTwiceAndShowsEveryAttempt() {
        UUID tenant = tenants.seed(5);
        faults.failNext("pantry", 2);

        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops-console")).jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.initiatingService()).isEqualTo("ops-console");
        DeletionJobSummary.StepResult pantry = step(done, StepPhase.DELETE, "pantry");
        assertThat(pantry.attempts()).isEqualTo(3);
        assertThat(pantry.attemptHistory()).extracting(DeletionJobSummary.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(pantry.attemptHistory().get(0).error()).contains("pantry").contains("injected failure");
        assertThat(pantry.attemptHistory()).allSatisfy(attempt -> {
            assertThat(attempt.startedAt()).isNotNull();
            assertThat(attempt.durationMs()).isNotNull();
        });
        assertThat(pantry.lastError()).isNull();
        assertThat(step(done, StepPhase.DELETE, "oven").attempts()).isEqualTo(1);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    @Test
    void failsWhenAParticipantStaysDownAndCompletesWhenRetriedAfterItIsBack() {
        UUID tenant = tenants.seed(5);
        faults.down("ledger", true);
        double failedBefore = counter("failed");

        DeletionJobSummary failed = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.servicesFailed()).isEqualTo(1);
        assertThat(failed.errors()).singleElement().asString().contains("ledger").contains("connection refused");
        assertThat(step(failed, StepPhase.DELETE, "ledger").attempts()).isEqualTo(3);
        assertThat(failed.serviceResults()).filteredOn(step -> step.service().equals("ledger"))
                .as("a failed step stops its service's sweep").extracting(DeletionJobSummary.StepResult::phase)
                .containsExactly(StepPhase.DELETE);
        assertThat(step(failed, StepPhase.VERIFY, "pantry").status()).as("the other services sweep on")
                .isEqualTo(StepStatus.SUCCEEDED);
        assertThat(failed.serviceResults()).noneMatch(step -> step.phase() == StepPhase.FINAL);
        assertThat(tenants.recordExists(tenant)).as("the tenant record stays while rows remain").isTrue();
        assertThat(counter("failed")).isEqualTo(failedBefore + 1);
        assertThat(jobs.list(tenant, JobStatus.FAILED, 10)).extracting(DeletionJobSummary::jobId)
                .as("a failed job is not forgotten").containsExactly(failed.jobId());

        faults.down("ledger", false);
        assertThat(jobs.retry(failed.jobId(), Initiator.service("test"))).isEqualTo(DeletionJobs.RetryOutcome.RETRIED);
        DeletionJobSummary done = awaitFinished(failed.jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(step(done, StepPhase.DELETE, "ledger").attempts()).isEqualTo(4);
        assertThat(step(done, StepPhase.DELETE, "pantry").attempts()).as("steps that succeeded do not run again").isEqualTo(1);
        assertThat(done.errors()).isEmpty();
        assertThat(tenants.totalRowsOf(tenant)).isZero();
        assertThat(tenants.recordExists(tenant)).isFalse();
    }

    @Test
    void countsACallSlowerThanItsTimeoutAsAFailedAttemptAndRetriesItOnlyAfterItEnded() {
        UUID tenant = tenants.seed(5);
        // Slower than the 1 s timeout, and deaf to the cancel, like a statement already running.
        faults.slowNext("oven", 1, Duration.ofMillis(1600));

        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        DeletionJobSummary.StepResult oven = step(done, StepPhase.DELETE, "oven");
        assertThat(oven.attemptHistory()).extracting(DeletionJobSummary.Attempt::outcome).containsExactly("TIMED_OUT", "SUCCEEDED");
        assertThat(oven.attemptHistory().get(0).error()).contains("no answer within");
        assertThat(oven.attemptHistory().get(0).durationMs()).isBetween(1000L, 4000L);
        assertThat(faults.maxConcurrent("oven:" + tenant)).as("the retry waits until the timed-out call has ended").isEqualTo(1);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    @Test
    void verificationDeletesARowWrittenBehindTheEnginesBack() {
        UUID tenant = tenants.seed(10);
        // The verification checks what is there when it runs (here at once: this context's settle
        // period is 0); the row lands after pantry deleted and before its verification looked.
        faults.holdAfterDelete("pantry");
        DeletionJobSummary started = jobs.startTenantDeletion(tenant, Initiator.service("ops"));
        await().atMost(PATIENCE).until(() -> faults.deletesDone("pantry") > 0);

        tenants.insertLateRow(tenant);
        faults.release("pantry");
        DeletionJobSummary done = awaitFinished(started.jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        DeletionJobSummary.StepResult verify = step(done, StepPhase.VERIFY, "pantry");
        assertThat(verify.itemsDeleted()).isEqualTo(1);
        assertThat(verify.counts().get("found_late")).containsExactly(Map.entry("pantry.items", 1L));
        assertThat(done.totalItemsDeleted()).as("four tables of 10, the late row, the tenant record").isEqualTo(10 * 4 + 1 + 1);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
        assertThat(tenants.recordExists(tenant)).isFalse();
    }

    @Test
    void failsNamingServiceAndTableWhenRowsRemainAfterVerification() {
        UUID tenant = tenants.seed(3);
        faults.skipDelete("ledger", true);

        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());

        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.errors()).singleElement().asString().contains("ledger verify").contains("ledger.entries=3");
        assertThat(step(done, StepPhase.VERIFY, "ledger").attempts()).as("not retried: something keeps the rows").isEqualTo(1);
        assertThat(done.serviceResults()).noneMatch(step -> step.phase() == StepPhase.FINAL);
        assertThat(tenants.recordExists(tenant)).isTrue();
    }

    @Test
    void twoConcurrentStartsGiveOneJob() throws Exception {
        UUID tenant = tenants.seed(2);
        int callers = 8;
        CyclicBarrier together = new CyclicBarrier(callers);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            Callable<UUID> start = () -> {
                together.await();
                return jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
            };
            List<Future<UUID>> results = threads.invokeAll(java.util.Collections.nCopies(callers, start));
            Set<UUID> jobIds = results.stream().map(DeletionJobLifecycleTest::get).collect(Collectors.toSet());

            assertThat(jobIds).hasSize(1);
            assertThat(jobs.list(tenant, null, 10)).hasSize(1);
            assertThat(awaitFinished(jobIds.iterator().next()).status()).isEqualTo(JobStatus.COMPLETED);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Another process (a second application context on the same database) claims every step and
     * is stopped while they run. This context's worker takes the steps over once the leases expire
     * and completes the job; the abandoned attempts are on record and no participant ever ran the
     * same tenant's delete twice at once.
     */
    @Test
    void resumesStepsOfAStoppedProcessWithoutRunningAnyTwiceAtOnce() {
        UUID tenant = tenants.seed(20);
        worker.stop();
        List.of("ledger", "oven", "pantry").forEach(faults::hold);
        UUID jobId;
        String otherWorker;
        try (ConfigurableApplicationContext other = otherProcess()) {
            otherWorker = other.getBean(DeletionWorker.class).owner();
            jobId = other.getBean(DeletionJobs.class).startTenantDeletion(tenant, Initiator.service("ops")).jobId();
            await().atMost(PATIENCE).until(() -> faults.entered("ledger") + faults.entered("oven") + faults.entered("pantry") == 3);
            assertThat(jobs.find(jobId).orElseThrow().serviceResults())
                    .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.RUNNING));
        }
        List.of("ledger", "oven", "pantry").forEach(faults::release);
        worker.start();
        OrchestratorTestApplication.CLOCK.advance(Duration.ofSeconds(6));

        DeletionJobSummary done = awaitFinished(jobId);

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.serviceResults().stream().filter(step -> step.phase() == StepPhase.DELETE)).allSatisfy(step -> {
            assertThat(step.attemptHistory()).extracting(DeletionJobSummary.Attempt::outcome)
                    .containsExactly("ABANDONED", "SUCCEEDED");
            assertThat(step.attemptHistory().get(0).worker()).isEqualTo(otherWorker);
            assertThat(step.attemptHistory().get(1).worker()).isEqualTo(worker.owner());
        });
        for (String service : List.of("ledger", "oven", "pantry")) {
            assertThat(faults.maxConcurrent(service + ":" + tenant)).as(service).isEqualTo(1);
        }
        assertThat(tenants.totalRowsOf(tenant)).isZero();
        assertThat(tenants.recordExists(tenant)).isFalse();
    }

    private ConfigurableApplicationContext otherProcess() {
        return new SpringApplicationBuilder(OrchestratorTestApplication.class).properties(Map.of(
                "bakery.db.url", SharedTestPostgres.jdbcUrl(SharedTestPostgres.DEFAULT_DATABASE),
                "bakery.db.username", SharedTestPostgres.username(),
                "bakery.data-dir", SharedTestPostgresContextCustomizerFactory.dataDir().toString(),
                "server.port", "0")).run();
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !jobs.find(jobId).orElseThrow().inProgress());
        return jobs.find(jobId).orElseThrow();
    }

    private double counter(String event) {
        var counter = meters.find("bakery.deletion.jobs").tag("event", event).counter();
        return counter == null ? 0 : counter.count();
    }

    public static DeletionJobSummary.StepResult step(DeletionJobSummary job, StepPhase phase, String service) {
        return job.serviceResults().stream().filter(step -> step.phase() == phase && step.service().equals(service))
                .findFirst().orElseThrow(() -> new AssertionError("no " + phase + " step for " + service + " in " + job));
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
