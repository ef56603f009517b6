package com.bakeryia.orchestrator.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.bakeryia.orchestrator.FakeTenancy;
import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.requests.DeletionJobs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The grace window of a tenant deletion, on the real job store and the shared settable clock: a
 * SCHEDULED job deletes nothing until its deadline, then starts by itself (from the job rows, so a
 * worker that was stopped across the deadline starts it when it is back); a restore within the
 * window cancels it with every row intact; after the start, restore is refused; a restore racing
 * the start of the purge leaves either a restored tenant with all its rows or a deleted one.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantDeletionWindowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofMinutes(2);

    @Autowired
    DeletionJobs jobs;

    @Autowired
    DeletionJobReads reads;

    @Autowired
    GraceWindows graceWindows;

    @Autowired
    DeletionWorker worker;

    private final TestTenants tenants = new TestTenants();
    private final FakeTenancy tenancy = FakeTenancy.INSTANCE;

    @BeforeEach
    void awaitNoJobUnderWay() {
        await().atMost(PATIENCE).until(() -> reads.list(null, JobStatus.PENDING, 1, Instant.now()).isEmpty()
                && reads.list(null, JobStatus.RUNNING, 1, Instant.now()).isEmpty());
    }

    @AfterEach
    void resumeWorker() {
        worker.start();
    }

    @Test
    void aScheduledDeletionDeletesNothingUntilItsDeadlineThenRunsByItself() {
        UUID tenant = tenants.seed(5);
        long rows = tenants.totalRowsOf(tenant);
        Instant asked = OrchestratorTestApplication.CLOCK.instant();

        DeletionJobSummary job = jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW);

        assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
        // The job's times are the database's clock, which this JVM's reads within a few milliseconds.
        assertThat(job.scheduledFor()).isBetween(asked.plus(WINDOW).minusSeconds(1), asked.plus(WINDOW).plusSeconds(5));
        assertThat(tenancy.scheduledFor(tenant)).isEqualTo(job.scheduledFor());
        assertThat(tenancy.markedDeleting(tenant)).isFalse();
        assertThat(jobs.startTenantDeletion(tenant, Initiator.service("again"), WINDOW).jobId())
                .as("asking again answers the scheduled job").isEqualTo(job.jobId());
        // Several polls go by: nothing is claimed before the deadline.
        assertThat(graceWindows.startDue()).isZero();
        assertThat(tenants.totalRowsOf(tenant)).isEqualTo(rows);
        assertThat(jobs.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);

        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));

        DeletionJobSummary done = awaitFinished(job.jobId());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenancy.markedDeleting(tenant)).as("marked DELETING when the purge started").isTrue();
        assertThat(tenants.totalRowsOf(tenant)).isZero();
        assertThat(tenants.recordExists(tenant)).isFalse();
    }

    @Test
    void aRestoreWithinTheWindowCancelsTheJobAndKeepsEveryRow() {
        UUID tenant = tenants.seed(5);
        long rows = tenants.totalRowsOf(tenant);
        DeletionJobSummary job = jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW);

        DeletionJobs.Restore restore = jobs.restoreTenant(tenant, true, Initiator.service("test"));

        assertThat(restore.outcome()).isEqualTo(DeletionJobs.RestoreOutcome.RESTORED);
        assertThat(restore.job().orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(tenancy.restored(tenant)).isTrue();
        assertThat(tenancy.scheduledFor(tenant)).isNull();
        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
        assertThat(graceWindows.startDue()).as("a cancelled job never starts").isZero();
        assertThat(jobs.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(tenants.totalRowsOf(tenant)).isEqualTo(rows);
        assertThat(jobs.restoreTenant(tenant, false, Initiator.service("test")).outcome()).as("nothing left to restore")
                .isEqualTo(DeletionJobs.RestoreOutcome.NOT_SCHEDULED);
        // The tenant can be deleted again later: a new job, not the cancelled one.
        DeletionJobSummary again = jobs.startTenantDeletion(tenant, Initiator.service("ops"), Duration.ZERO);
        assertThat(again.jobId()).isNotEqualTo(job.jobId());
        assertThat(awaitFinished(again.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void onceTheDeletionStartedARestoreIsRefused() {
        UUID tenant = tenants.seed(3);
        DeletionJobSummary job = jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW);

        DeletionJobSummary skipped = jobs.startTenantDeletion(tenant, Initiator.service("support"), Duration.ZERO);

        assertThat(skipped.jobId()).isEqualTo(job.jobId());
        assertThat(skipped.status()).as("a service skipped the window").isIn(JobStatus.PENDING, JobStatus.RUNNING,
                JobStatus.COMPLETED);
        assertThat(jobs.restoreTenant(tenant, false, Initiator.service("test")).outcome()).isIn(DeletionJobs.RestoreOutcome.STARTED,
                DeletionJobs.RestoreOutcome.NOT_SCHEDULED);
        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
        assertThat(tenancy.restored(tenant)).isFalse();
    }

    @Test
    void aTenantAlreadyDeletingWithoutAJobHasNoWindowLeftAndItsJobStartsAtOnce() {
        UUID tenant = tenants.seed(3);
        // An earlier request without a window marked it, and its job was never created.
        tenancy.markTenantDeleting(tenant);

        DeletionJobSummary job = jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW);

        assertThat(job.status()).isNotEqualTo(JobStatus.SCHEDULED);
        assertThat(job.scheduledFor()).isNull();
        assertThat(tenancy.scheduledFor(tenant)).isNull();
        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    @Test
    void aWorkerStoppedAcrossTheDeadlineStartsTheJobWhenItIsBack() {
        UUID tenant = tenants.seed(3);
        DeletionJobSummary job = jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW);
        worker.stop();

        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
        assertThat(jobs.find(job.jobId()).orElseThrow().status()).as("no worker, no start").isEqualTo(JobStatus.SCHEDULED);
        worker.start();

        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    @Test
    void aRestoreRacingThePurgeLeavesEitherARestoredTenantWithEveryRowOrADeletedOne() throws Exception {
        worker.stop();
        List<UUID> racedTenants = new ArrayList<>();
        List<UUID> racedJobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID tenant = tenants.seed(2);
            racedTenants.add(tenant);
            racedJobs.add(jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW).jobId());
        }
        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<DeletionJobs.Restore>> restores = new ArrayList<>();
        for (UUID tenant : racedTenants) {
            restores.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return jobs.restoreTenant(tenant, true, Initiator.service("test"));
            }));
        }
        CompletableFuture<Integer> purge = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(go);
            return graceWindows.startDue();
        });

        go.countDown();
        int started = purge.get();
        worker.start();

        int restored = 0;
        for (int i = 0; i < racedTenants.size(); i++) {
            DeletionJobs.Restore restore = restores.get(i).get();
            UUID tenant = racedTenants.get(i);
            if (restore.outcome() == DeletionJobs.RestoreOutcome.RESTORED) {
                restored++;
                assertThat(jobs.find(racedJobs.get(i)).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
                assertThat(tenancy.markedDeleting(tenant)).as("a restored tenant was never marked DELETING").isFalse();
                assertThat(tenants.totalRowsOf(tenant)).as("a restored tenant keeps every row").isPositive();
            } else {
                assertThat(restore.outcome()).isEqualTo(DeletionJobs.RestoreOutcome.STARTED);
                assertThat(tenancy.restored(tenant)).isFalse();
                assertThat(awaitFinished(racedJobs.get(i)).status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(tenants.totalRowsOf(tenant)).isZero();
            }
        }
        assertThat(restored + started).as("each tenant either restored or purged, never both").isEqualTo(racedTenants.size());
    }

    @Test
    void aWindowedAndAnImmediateDeletionRacingEndInOneJobThatDeletesTheTenant() throws Exception {
        for (int round = 0; round < 6; round++) {
            UUID tenant = tenants.seed(2);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<DeletionJobSummary> owner = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return jobs.startTenantDeletion(tenant, Initiator.user(OrchestratorTestApplication.ADMIN_USER), WINDOW);
            });
            CompletableFuture<DeletionJobSummary> operator = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return jobs.startTenantDeletion(tenant, Initiator.service("support"), Duration.ZERO);
            });
            go.countDown();

            UUID job = owner.get().jobId();
            assertThat(operator.get().jobId()).as("one job for both requests").isEqualTo(job);
            assertThat(operator.get().status()).as("the immediate request's answer has started")
                    .isIn(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.COMPLETED);
            assertThat(tenancy.markedDeleting(tenant)).isTrue();
            assertThat(awaitFinished(job).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(tenants.totalRowsOf(tenant)).isZero();
            assertThat(reads.list(tenant, null, 10, Instant.now())).as("round " + round).hasSize(1);
        }
    }

    @Test
    void aTenantIsNotLeftPendingDeletionWhenItsJobCannotBeCreated() {
        UUID tenant = tenants.seed(2);
        // The job store refuses this tenant's job (a real failure of the insert, in the real database).
        tenants.jdbc().execute("create or replace function deletion.refuse_test_job() returns trigger language plpgsql as"
                + " $$ begin raise exception 'test: the job store refuses this job'; end $$");
        tenants.jdbc().execute("create trigger refuse_test_job before insert on deletion.deletion_jobs for each row"
                + " when (new.subject_id = '" + tenant + "') execute function deletion.refuse_test_job()");
        try {
            assertThatThrownBy(() -> jobs.startTenantDeletion(tenant, Initiator.service("ops"), WINDOW))
                    .hasMessageContaining("refuses this job");
        } finally {
            tenants.jdbc().execute("drop trigger refuse_test_job on deletion.deletion_jobs");
            tenants.jdbc().execute("drop function deletion.refuse_test_job()");
        }
        assertThat(tenancy.scheduledFor(tenant)).as("its PENDING_DELETION mark undone").isNull();
        assertThat(tenancy.restored(tenant)).isTrue();
        assertThat(reads.unfinished(com.bakeryia.orchestrator.job.JobKind.TENANT, tenant, Instant.now())).isEmpty();
    }

    @Test
    void anImmediateDeletionWhoseMarkFailedIsCompletedByTheNextPassNeverLeftMarkedWithoutAJob() {
        UUID tenant = tenants.seed(2);
        tenancy.unreachableFor(tenant, true);
        DeletionJobSummary job;
        try {
            assertThatThrownBy(() -> jobs.startTenantDeletion(tenant, Initiator.service("ops"), Duration.ZERO))
                    .hasMessageContaining("does not answer");
            job = reads.unfinished(com.bakeryia.orchestrator.job.JobKind.TENANT, tenant, Instant.now())
                    .orElseThrow(() -> new AssertionError("the job exists before the tenant is marked"));
            assertThat(tenancy.markedDeleting(tenant)).isFalse();
        } finally {
            // From here the worker's next pass (every poll) can mark the tenant.
            tenancy.unreachableFor(tenant, false);
        }

        // The next pass of the grace windows (every poll) marks the tenant and starts the job.
        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.scheduledFor()).as("due at once").isBeforeOrEqualTo(OrchestratorTestApplication.CLOCK.instant());
        assertThat(tenancy.markedDeleting(tenant)).isTrue();
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    @Test
    void aStartWaitingForASlowTenantServiceHoldsNoRowAndHoldsUpNeitherRestoresNorOtherJobs() throws Exception {
        UUID slow = tenants.seed(2);
        DeletionJobSummary slowJob = jobs.startTenantDeletion(slow, Initiator.service("ops"), WINDOW);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        tenancy.holdMarks(slow, entered, release);
        try {
            OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
            // The worker's scheduled pass claimed the start and is now in the (slow) call marking the tenant.
            await().atMost(PATIENCE).until(() -> entered.getCount() == 0);

            DeletionJobs.Restore restore = CompletableFuture.supplyAsync(() -> jobs.restoreTenant(slow, true,
                    Initiator.service("test"))).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(restore.outcome()).as("answered at once (no row locked during the call): the deletion is decided")
                    .isEqualTo(DeletionJobs.RestoreOutcome.STARTED);
            UUID other = tenants.seed(2);
            DeletionJobSummary otherJob = jobs.startTenantDeletion(other, Initiator.service("ops"), Duration.ZERO);
            assertThat(awaitFinished(otherJob.jobId()).status()).as("claims and records go on meanwhile")
                    .isEqualTo(JobStatus.COMPLETED);
            assertThat(jobs.find(slowJob.jobId()).orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
        } finally {
            release.countDown();
            tenancy.holdMarks(slow, null, null);
        }
        assertThat(awaitFinished(slowJob.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.totalRowsOf(slow)).isZero();
    }

    @Test
    void aDueJobWhoseTenantServiceFailsWaitsAloneStaysDecidedAndStartsOnceItAnswers() {
        worker.stop();
        UUID unreachable = tenants.seed(2);
        UUID reachable = tenants.seed(2);
        DeletionJobSummary waiting = jobs.startTenantDeletion(unreachable, Initiator.service("ops"), WINDOW);
        DeletionJobSummary starting = jobs.startTenantDeletion(reachable, Initiator.service("ops"), WINDOW);
        tenancy.unreachableFor(unreachable, true);
        try {
            OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));

            assertThat(graceWindows.startDue()).as("the other due job starts").isPositive();
            assertThat(jobs.find(starting.jobId()).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
            assertThat(jobs.find(waiting.jobId()).orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
            assertThat(jobs.restoreTenant(unreachable, true, Initiator.service("test")).outcome())
                    .as("its start was decided before the call").isEqualTo(DeletionJobs.RestoreOutcome.STARTED);
        } finally {
            tenancy.unreachableFor(unreachable, false);
        }
        worker.start();
        assertThat(awaitFinished(waiting.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(awaitFinished(starting.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenancy.markedDeleting(unreachable)).isTrue();
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.find(jobId).orElseThrow(), job -> !job.inProgress() && job.status() != JobStatus.SCHEDULED);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
