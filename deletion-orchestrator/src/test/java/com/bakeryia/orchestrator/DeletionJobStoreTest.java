package com.bakeryia.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
class DeletionJobStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    DeletionJobStore store;

    @Autowired
    DeletionWorker worker;

    private Instant now;

    @BeforeEach
    void pauseWorker() {
        // Jobs other tests left under way finish first, so their steps cannot be claimed here.
        await().atMost(Duration.ofSeconds(30)).until(() -> store.list(null, JobStatus.PENDING, 1, Instant.now()).isEmpty()
                && store.list(null, JobStatus.RUNNING, 1, Instant.now()).isEmpty());
        worker.stop();
        // Far enough ahead of every other test's jobs that only this test's steps are due first.
        now = TestClock.INSTANCE.instant().plus(Duration.ofDays(1));
    }

    private final List<UUID> started = new java.util.ArrayList<>();

    @AfterEach
    void removeJobsAndResumeWorker() {
        // This test's jobs live a day ahead: left behind, they would stay in progress for a day.
        started.forEach(job -> new TestTenants().jdbc().update("delete from auth.deletion_jobs where id = ?", job));
        worker.start();
    }

    @Test
    void aLiveLeaseKeepsAStepFromEveryOtherWorker() {
        UUID job = start(UUID.randomUUID());
        List<DeletionJobStore.ClaimedStep> first = claimAll("worker-a", now);

        assertThat(first).extracting(DeletionJobStore.ClaimedStep::service).containsExactlyInAnyOrder("ledger", "oven", "pantry");
        assertThat(first).allSatisfy(step -> assertThat(step.jobId()).isEqualTo(job));
        assertThat(claimAll("worker-b", now.plus(LEASE).minusSeconds(1))).isEmpty();
        assertThat(store.heartbeat(first.get(0), now.plus(LEASE).minusSeconds(1), LEASE)).isTrue();
        assertThat(claimAll("worker-b", now.plus(LEASE).plusSeconds(1)))
                .extracting(DeletionJobStore.ClaimedStep::service)
                .as("the renewed lease still holds; the other two expired")
                .hasSize(2).doesNotContain(first.get(0).service());
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverCanNoLongerWriteTheStep() {
        UUID job = start(UUID.randomUUID());
        DeletionJobStore.ClaimedStep stale = claimAll("worker-a", now).get(0);
        Instant later = now.plus(LEASE).plusSeconds(1);
        DeletionJobStore.ClaimedStep current = claimAll("worker-b", later).stream()
                .filter(step -> step.stepId().equals(stale.stepId())).findFirst().orElseThrow();

        assertThat(current.attempt()).isEqualTo(2);
        assertThat(current.version()).isGreaterThan(stale.version());
        assertThat(store.heartbeat(stale, later, LEASE)).isFalse();
        assertThat(store.complete(stale, success(), Duration.ZERO, later)).isEqualTo(DeletionJobStore.JobTransition.LEASE_LOST);
        assertThat(store.complete(current, success(), Duration.ZERO, later)).isEqualTo(DeletionJobStore.JobTransition.NONE);

        DeletionJobSummary.StepResult step = store.find(job, later).orElseThrow().serviceResults().stream()
                .filter(s -> s.service().equals(stale.service())).findFirst().orElseThrow();
        assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step.attemptHistory()).extracting(DeletionJobSummary.Attempt::worker, DeletionJobSummary.Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("worker-a", "ABANDONED"),
                        org.assertj.core.groups.Tuple.tuple("worker-b", "SUCCEEDED"));
    }

    @Test
    void aFailedAttemptWaitsForItsBackoffBeforeTheNextClaim() {
        start(UUID.randomUUID());
        DeletionJobStore.ClaimedStep step = claimAll("worker-a", now).get(0);
        Duration backoff = Duration.ofMinutes(3);

        store.complete(step, failure(), backoff, now);

        assertThat(claimAll("worker-b", now.plus(backoff).minusSeconds(1)))
                .noneMatch(claimed -> claimed.stepId().equals(step.stepId()));
        assertThat(claimAll("worker-b", now.plus(backoff).plusSeconds(1)))
                .anyMatch(claimed -> claimed.stepId().equals(step.stepId()) && claimed.attempt() == 2);
    }

    @Test
    void theLastStepOfAPhaseQueuesTheNextPhaseExactlyOnce() {
        UUID job = start(UUID.randomUUID());
        List<DeletionJobStore.ClaimedStep> deletes = claimAll("worker-a", now);

        assertThat(store.complete(deletes.get(0), success(), Duration.ZERO, now)).isEqualTo(DeletionJobStore.JobTransition.NONE);
        assertThat(store.complete(deletes.get(1), success(), Duration.ZERO, now)).isEqualTo(DeletionJobStore.JobTransition.NONE);
        assertThat(store.complete(deletes.get(2), success(), Duration.ZERO, now)).isEqualTo(DeletionJobStore.JobTransition.NEXT_PHASE);

        List<DeletionJobStore.ClaimedStep> verifies = claimAll("worker-a", now);
        assertThat(verifies).extracting(DeletionJobStore.ClaimedStep::phase).containsOnly(StepPhase.VERIFY).hasSize(3);
        verifies.forEach(step -> store.complete(step, success(), Duration.ZERO, now));
        List<DeletionJobStore.ClaimedStep> last = claimAll("worker-a", now);
        assertThat(last).singleElement().satisfies(step -> {
            assertThat(step.phase()).isEqualTo(StepPhase.FINAL);
            assertThat(step.service()).isEqualTo("tenant");
        });
        assertThat(store.complete(last.get(0), success(), Duration.ZERO, now)).isEqualTo(DeletionJobStore.JobTransition.COMPLETED);
        assertThat(store.find(job, now).orElseThrow().totalItemsDeleted()).isEqualTo(7 * 7);
    }

    private UUID start(UUID tenant) {
        UUID job = store.startOrFind(JobKind.TENANT, tenant, null, "test", List.of("ledger", "oven", "pantry"), 3, now).jobId();
        started.add(job);
        return job;
    }

    private List<DeletionJobStore.ClaimedStep> claimAll(String owner, Instant at) {
        return store.claim(owner, 100, at, LEASE);
    }

    private static DeletionJobStore.AttemptOutcome success() {
        return new DeletionJobStore.AttemptOutcome(DeletionJobStore.AttemptOutcome.Outcome.SUCCEEDED, false,
                Map.of("deleted", Map.of("x.y", 7L)), 7, 0, null, 5);
    }

    private static DeletionJobStore.AttemptOutcome failure() {
        return new DeletionJobStore.AttemptOutcome(DeletionJobStore.AttemptOutcome.Outcome.FAILED, true, Map.of(), 0, 0,
                "boom", 5);
    }
}
