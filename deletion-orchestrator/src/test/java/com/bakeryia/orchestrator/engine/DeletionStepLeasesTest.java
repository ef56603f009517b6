package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.job.LeasedStep;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.job.StepStatus;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.orchestrator.proof.DeletionCertificates;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases and fencing of the job store, driven by hand (the context's worker is paused) with
 * explicit times: who may claim a step, when, and whose writes count.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionStepLeasesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    DeletionJobStarts starts;

    @Autowired
    DeletionStepLeases leases;

    @Autowired
    DeletionJobReads reads;

    @Autowired
    DeletionWorker worker;

    @Autowired
    JobStoreTables tables;

    @Autowired
    DeletionAudit audit;

    @Autowired
    DeletionCertificates certificates;

    private Instant now;

    @BeforeEach
    void pauseWorker() {
        // Jobs other tests left under way finish first, so their steps cannot be claimed here.
        await().atMost(Duration.ofSeconds(30)).until(() -> reads.list(null, JobStatus.PENDING, 1, Instant.now()).isEmpty()
                && reads.list(null, JobStatus.RUNNING, 1, Instant.now()).isEmpty());
        worker.stop();
        // Far enough ahead of every other test's jobs that only this test's steps are due first.
        now = OrchestratorTestApplication.CLOCK.instant().plus(Duration.ofDays(1));
    }

    private final List<UUID> started = new java.util.ArrayList<>();

    @AfterEach
    void removeJobsAndResumeWorker() {
        // This test's jobs live a day ahead: left behind, they would stay in progress for a day.
        // A completed job keeps its certificate, which is never deleted, and a completed job claims nothing.
        started.forEach(job -> new TestTenants().jdbc().update("delete from deletion.deletion_jobs where id = ?"
                + " and not exists (select 1 from deletion.deletion_certificates where job_id = ?)", job, job));
        worker.start();
    }

    @Test
    void aLiveLeaseKeepsAStepFromEveryOtherWorker() {
        UUID job = start(UUID.randomUUID());
        List<LeasedStep> first = claimAll("worker-a", now);

        assertThat(first).extracting(LeasedStep::service).containsExactlyInAnyOrder("ledger", "oven", "pantry");
        assertThat(first).allSatisfy(step -> assertThat(step.jobId()).isEqualTo(job));
        assertThat(claimAll("worker-b", now.plus(LEASE).minusSeconds(1))).isEmpty();
        assertThat(leases.heartbeat(first.get(0), now.plus(LEASE).minusSeconds(1), LEASE)).isTrue();
        assertThat(claimAll("worker-b", now.plus(LEASE).plusSeconds(1)))
                .extracting(LeasedStep::service)
                .as("the renewed lease still holds; the other two expired")
                .hasSize(2).doesNotContain(first.get(0).service());
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverCanNoLongerWriteTheStep() {
        UUID job = start(UUID.randomUUID());
        LeasedStep stale = claimAll("worker-a", now).get(0);
        Instant later = now.plus(LEASE).plusSeconds(1);
        LeasedStep current = claimAll("worker-b", later).stream()
                .filter(step -> step.stepId().equals(stale.stepId())).findFirst().orElseThrow();

        assertThat(current.attempt()).isEqualTo(2);
        assertThat(current.version()).isGreaterThan(stale.version());
        assertThat(leases.heartbeat(stale, later, LEASE)).isFalse();
        assertThat(leases.complete(stale, success(), Duration.ofMillis(5), Duration.ZERO, later)).isEqualTo(DeletionStepLeases.JobTransition.LEASE_LOST);
        assertThat(leases.complete(current, success(), Duration.ofMillis(5), Duration.ZERO, later))
                .as("its service's VERIFY is queued").isEqualTo(DeletionStepLeases.JobTransition.NEXT_STEPS);

        DeletionJobSummary.StepResult step = reads.find(job, later).orElseThrow().serviceResults().stream()
                .filter(s -> s.service().equals(stale.service())).findFirst().orElseThrow();
        assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step.attemptHistory()).extracting(DeletionJobSummary.Attempt::worker, DeletionJobSummary.Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("worker-a", "ABANDONED"),
                        org.assertj.core.groups.Tuple.tuple("worker-b", "SUCCEEDED"));
    }

    @Test
    void aStepThatKillsItsWorkerOnEveryAttemptFailsWhenItsAttemptsAreUsedUpAndItsJobFails() {
        UUID job = start(UUID.randomUUID());
        // Three attempts allowed (start's limit); each worker dies with the step: only its lease expires.
        Instant at = now;
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claimAll("worker-" + attempt, at)).hasSize(3)
                    .allSatisfy(step -> assertThat(step.jobId()).isEqualTo(job));
            at = at.plus(LEASE).plusSeconds(1);
        }
        assertThat(claimAll("worker-4", at)).as("no fourth attempt of a step allowed three").isEmpty();

        List<DeletionStepLeases.Completion> ended = leases.abandonedForGood(at, 100);
        assertThat(ended).hasSize(3).allSatisfy(completion -> {
            assertThat(completion.step().attempt()).isEqualTo(3);
            assertThat(completion.outcome().result()).isEqualTo(AttemptOutcome.Result.ABANDONED);
            assertThat(completion.nextStatus()).isEqualTo(StepStatus.FAILED);
        });
        assertThat(leases.completeAll(ended, at)).containsOnlyOnce(DeletionStepLeases.JobTransition.FAILED);
        assertThat(leases.abandonedForGood(at, 100)).as("recorded once").isEmpty();

        DeletionJobSummary failed = reads.find(job, at).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.completedAt()).as("the automatic retry counts from here").isCloseTo(at, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(failed.failedStep().lastError()).contains("its worker stopped during attempt 3 of 3");
        assertThat(failed.serviceResults()).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.FAILED);
            assertThat(step.attemptHistory()).extracting(DeletionJobSummary.Attempt::outcome)
                    .containsExactly("ABANDONED", "ABANDONED", "ABANDONED");
        });
        assertThat(claimAll("worker-5", at.plus(Duration.ofDays(1)))).as("nothing of it claimable").isEmpty();
    }

    @Test
    void aCancelledJobLeavesNothingClaimable() {
        UUID subject = UUID.randomUUID();
        UUID job = starts.startOrFind(JobKind.TENANT, subject, Initiator.service("test"),
                List.of("ledger", "oven", "pantry"), List.of(), 3, now, now.plus(Duration.ofHours(1))).jobId();
        started.add(job);

        assertThat(starts.cancel(job, now, "test")).isEqualTo(DeletionJobStarts.CancelResult.CANCELLED);

        assertThat(reads.find(job, now).orElseThrow().serviceResults()).hasSize(3)
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.CANCELLED));
        assertThat(tables.sql().queryForObject("select count(*) from deletion.deletion_steps where job_id = :job"
                + " and status in ('PENDING', 'RUNNING')", Map.of("job", job), Integer.class))
                .as("none left in the claimable index").isZero();
    }

    @Test
    void aFailedAttemptWaitsForItsBackoffBeforeTheNextClaim() {
        start(UUID.randomUUID());
        LeasedStep step = claimAll("worker-a", now).get(0);
        Duration backoff = Duration.ofMinutes(3);

        leases.complete(step, failure(), Duration.ofMillis(5), backoff, now);

        assertThat(claimAll("worker-b", now.plus(backoff).minusSeconds(1)))
                .noneMatch(claimed -> claimed.stepId().equals(step.stepId()));
        assertThat(claimAll("worker-b", now.plus(backoff).plusSeconds(1)))
                .anyMatch(claimed -> claimed.stepId().equals(step.stepId()) && claimed.attempt() == 2);
    }

    @Test
    void eachStepQueuesItsServicesNextStepAndTheLastVerificationQueuesTheRecordExactlyOnce() {
        UUID job = start(UUID.randomUUID());
        List<LeasedStep> deletes = claimAll("worker-a", now);
        assertThat(deletes).extracting(LeasedStep::phase).containsOnly(StepPhase.DELETE).hasSize(3);

        assertThat(leases.complete(deletes.get(0), success(), Duration.ofMillis(5), Duration.ZERO, now))
                .isEqualTo(DeletionStepLeases.JobTransition.NEXT_STEPS);
        assertThat(claimAll("worker-a", now)).as("its service verifies while the others still delete")
                .singleElement().satisfies(step -> {
                    assertThat(step.phase()).isEqualTo(StepPhase.VERIFY);
                    assertThat(step.service()).isEqualTo(deletes.get(0).service());
                    leases.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, now);
                });
        // The other two together, in one batch: one VERIFY each, queued once.
        assertThat(leases.completeAll(List.of(
                new DeletionStepLeases.Completion(deletes.get(1), success(), Duration.ofMillis(5), Duration.ZERO),
                new DeletionStepLeases.Completion(deletes.get(2), success(), Duration.ofMillis(5), Duration.ZERO)), now))
                .containsExactlyInAnyOrder(DeletionStepLeases.JobTransition.NONE, DeletionStepLeases.JobTransition.NEXT_STEPS);

        List<LeasedStep> verifies = claimAll("worker-a", now);
        assertThat(verifies).extracting(LeasedStep::phase).containsOnly(StepPhase.VERIFY).hasSize(2);
        assertThat(claimAll("worker-a", now)).as("no record while a verification runs").isEmpty();
        verifies.forEach(step -> leases.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, now));

        List<LeasedStep> last = claimAll("worker-a", now);
        assertThat(last).singleElement().satisfies(step -> {
            assertThat(step.phase()).isEqualTo(StepPhase.FINAL);
            assertThat(step.service()).isEqualTo("tenant");
        });
        assertThat(claimAll("worker-a", now)).as("queued exactly once").isEmpty();
        assertThat(leases.complete(last.get(0), success(), Duration.ofMillis(5), Duration.ZERO, now)).isEqualTo(DeletionStepLeases.JobTransition.COMPLETED);
        assertThat(reads.find(job, now).orElseThrow().totalItemsDeleted()).as("seven steps of 7 rows each").isEqualTo(7 * 7);
    }

    @Test
    void theRecordingWorkerTakesOnTheStepsItQueuesUpToItsFreePlacesWithoutAClaim() {
        UUID job = start(UUID.randomUUID());
        List<LeasedStep> deletes = claimAll("worker-a", now);

        DeletionStepLeases.Recorded recorded = leases.completeAll(deletes.stream()
                .map(step -> new DeletionStepLeases.Completion(step, success(), Duration.ofMillis(5), Duration.ZERO))
                .toList(), now, new DeletionStepLeases.Taker("worker-a", 2, LEASE));

        assertThat(recorded.taken()).hasSize(2).allSatisfy(step -> {
            assertThat(step.phase()).isEqualTo(StepPhase.VERIFY);
            assertThat(step.jobId()).isEqualTo(job);
            assertThat(step.owner()).isEqualTo("worker-a");
            assertThat(step.attempt()).isEqualTo(1);
        });
        assertThat(claimAll("worker-b", now)).as("the third VERIFY is queued for anyone; the taken two are held")
                .singleElement().satisfies(step -> assertThat(step.phase()).isEqualTo(StepPhase.VERIFY));
        assertThat(claimAll("worker-c", now.plus(LEASE).plusSeconds(1))).extracting(LeasedStep::stepId)
                .as("a taken step's lease expires like a claimed one's").containsAll(recorded.taken().stream()
                        .map(LeasedStep::stepId).toList());
    }

    @Test
    void aTakenStepIsRecordedAndFencedLikeAClaimedOne() {
        start(UUID.randomUUID());
        LeasedStep delete = claimAll("worker-a", now).get(0);
        LeasedStep verify = leases.completeAll(List.of(new DeletionStepLeases.Completion(delete, success(),
                Duration.ofMillis(5), Duration.ZERO)), now, new DeletionStepLeases.Taker("worker-a", 1, LEASE)).taken().get(0);

        assertThat(leases.heartbeat(verify, now.plusSeconds(1), LEASE)).isTrue();
        assertThat(leases.complete(verify, success(), Duration.ofMillis(5), Duration.ZERO, now.plusSeconds(2)))
                .isIn(DeletionStepLeases.JobTransition.NONE, DeletionStepLeases.JobTransition.NEXT_STEPS);
        assertThat(leases.complete(verify, success(), Duration.ofMillis(5), Duration.ZERO, now.plusSeconds(3)))
                .as("written once").isEqualTo(DeletionStepLeases.JobTransition.LEASE_LOST);
    }

    @Test
    void aJobCreatedBeforeVerificationsScannedGetsItsScanStepsAsItWasPlanned() {
        UUID job = start(UUID.randomUUID());
        tables.sql().update("update deletion.deletion_jobs set plan_version = 1 where id = :id", Map.of("id", job));
        claimAll("worker-a", now).forEach(step -> leases.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, now));
        claimAll("worker-a", now).forEach(step -> leases.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, now));

        List<LeasedStep> scans = claimAll("worker-a", now);
        assertThat(scans).extracting(LeasedStep::phase).containsOnly(StepPhase.SCAN).hasSize(3);
        scans.forEach(step -> leases.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, now));
        assertThat(claimAll("worker-a", now)).singleElement().extracting(LeasedStep::phase).isEqualTo(StepPhase.FINAL);
    }

    @Test
    void theQueueTablesAreVacuumedAfterAFixedNumberOfDeadRowsNotAShareOfTheTable() {
        for (String table : List.of("deletion_steps", "deletion_jobs", "deletion_step_attempts")) {
            List<String> options = tables.sql().queryForList("select unnest(c.reloptions) from pg_catalog.pg_class c"
                    + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = 'deletion'"
                    + " and c.relname = :table", Map.of("table", table), String.class);
            assertThat(options).as(table).contains("autovacuum_vacuum_scale_factor=0", "autovacuum_analyze_scale_factor=0")
                    .anySatisfy(option -> assertThat(option).startsWith("autovacuum_vacuum_threshold="));
        }
    }

    @Test
    void aTenantsVerificationFollowsItsDeleteAtOnceWhateverTheSettlePeriodTheFenceLeavesNothingToWaitFor() {
        Duration settle = Duration.ofSeconds(30);
        // The context's store verifies at once (settle 0s); this one, on the same tables, has a settle period.
        DeletionStepLeases settling = new DeletionStepLeases(tables, settle, audit, certificates);
        start(UUID.randomUUID());
        Instant deleted = now.plusSeconds(1);
        List<LeasedStep> deletes = settling.claim("worker-a", 100, deleted, LEASE);
        deletes.forEach(step -> settling.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, deleted));

        assertThat(settling.claim("worker-a", 100, deleted, LEASE))
                .extracting(LeasedStep::phase).containsOnly(StepPhase.VERIFY).hasSize(3);
    }

    @Test
    void aUsersVerificationWaitsUntilWritesAdmittedBeforeTheLockHaveSettled() {
        Duration settle = Duration.ofSeconds(30);
        DeletionStepLeases settling = new DeletionStepLeases(tables, settle, audit, certificates);
        UUID job = starts.startOrFind(JobKind.USER, UUID.randomUUID(), Initiator.service("test"),
                List.of("ledger", "oven", "pantry"), List.of(), 3, now).jobId();
        started.add(job);
        Instant created = now;
        Instant later = created.plusSeconds(2);
        settling.claim("worker-a", 100, created, LEASE)
                .forEach(step -> settling.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, later));
        List<LeasedStep> deletes = settling.claim("worker-a", 100, later, LEASE);
        assertThat(deletes).extracting(LeasedStep::phase).containsOnly(StepPhase.DELETE);
        deletes.forEach(step -> settling.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, later));

        assertThat(settling.claim("worker-a", 100, created.plus(settle).minusMillis(1), LEASE))
                .as("no VERIFY step before created_at + settle period").isEmpty();
        assertThat(settling.claim("worker-a", 100, created.plus(settle), LEASE))
                .extracting(LeasedStep::phase).containsOnly(StepPhase.VERIFY).hasSameSizeAs(deletes);
    }

    @Test
    void aVerificationQueuedAfterTheSettlePeriodIsDueAtOnce() {
        Duration settle = Duration.ofSeconds(30);
        DeletionStepLeases settling = new DeletionStepLeases(tables, settle, audit, certificates);
        start(UUID.randomUUID());
        Instant deleted = now.plus(settle).plusSeconds(5);
        List<LeasedStep> deletes = settling.claim("worker-a", 100, deleted, LEASE);
        deletes.forEach(step -> settling.complete(step, success(), Duration.ofMillis(5), Duration.ZERO, deleted));

        assertThat(settling.claim("worker-a", 100, deleted, LEASE))
                .extracting(LeasedStep::phase).containsOnly(StepPhase.VERIFY).hasSize(3);
    }

    private UUID start(UUID tenant) {
        UUID job = starts.startOrFind(JobKind.TENANT, tenant, Initiator.service("test"), List.of("ledger", "oven", "pantry"),
                List.of(), 3, now).jobId();
        started.add(job);
        return job;
    }

    private List<LeasedStep> claimAll(String owner, Instant at) {
        return leases.claim(owner, 100, at, LEASE);
    }

    private static AttemptOutcome success() {
        return AttemptOutcome.succeeded(Map.of("deleted", Map.of("x.y", 7L)), 7, 0);
    }

    private static AttemptOutcome failure() {
        return AttemptOutcome.failed("boom", true);
    }
}
