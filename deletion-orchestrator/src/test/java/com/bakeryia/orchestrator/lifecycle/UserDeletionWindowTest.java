package com.bakeryia.orchestrator.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.bakeryia.orchestrator.FakeAccounts;
import com.bakeryia.orchestrator.FakeTenancy;
import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.requests.UserDeletions;
import com.bakeryia.platform.identity.UserDirectory.AccountStatus;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The grace window of a user's erasure, on the real job store, the shared settable clock and the
 * in-memory accounts of the auth service: the account is locked (PENDING_DELETION) as the job is
 * SCHEDULED, nothing is deleted until the deadline, then the job starts by itself (from the job
 * rows, so a worker stopped across the deadline starts it when it is back) with the account
 * DELETING; a service's restore within the window cancels it and makes the account ACTIVE; a
 * person who cancelled by logging in (the account ACTIVE again, behind the orchestrator's back) is
 * noticed by the sweep or at the deadline, and nothing is deleted; a restore racing the purge
 * leaves either a restored account with everything kept or an erased one, never both.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserDeletionWindowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Longer than the sweep interval, so a test can let a sweep run before the deadline. */
    private static final Duration WINDOW = Duration.ofMinutes(10);

    @LocalServerPort
    int port;

    @Autowired
    UserDeletions users;

    @Autowired
    DeletionJobReads reads;

    @Autowired
    GraceWindows graceWindows;

    @Autowired
    DeletionWorker worker;

    @Autowired
    JwtTokens tokens;

    private final FakeTenancy tenancy = FakeTenancy.INSTANCE;
    private final FakeAccounts accounts = FakeAccounts.INSTANCE;

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
    void aScheduledErasureLocksTheAccountAtOnceDeletesNothingUntilItsDeadlineThenRunsByItself() {
        UUID user = member();
        Instant asked = OrchestratorTestApplication.CLOCK.instant();

        DeletionJobSummary job = schedule(user, Initiator.user(user));

        assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
        // The job's times are the database's clock, which this JVM's reads within a few milliseconds.
        assertThat(job.scheduledFor()).isBetween(asked.plus(WINDOW).minusSeconds(1), asked.plus(WINDOW).plusSeconds(5));
        assertThat(accounts.account(user).orElseThrow().status()).as("locked out from the answer on")
                .isEqualTo(AccountStatus.PENDING_DELETION);
        assertThat(accounts.account(user).orElseThrow().deletionScheduledFor()).isEqualTo(job.scheduledFor());
        assertThat(schedule(user, Initiator.service("again")).jobId()).as("asking again answers the scheduled job")
                .isEqualTo(job.jobId());
        // Several polls go by: nothing is claimed before the deadline.
        assertThat(graceWindows.startDue()).isZero();
        assertKept(user, job.jobId());

        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));

        DeletionJobSummary done = awaitFinished(job.jobId());
        assertThat(done.status()).as(done.toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(accounts.everDeleting(user)).as("marked DELETING when the erasure started").isTrue();
        assertErased(user);
    }

    @Test
    void aRestoreWithinTheWindowCancelsTheJobAndMakesTheAccountActiveWithNothingDeleted() {
        UUID user = member();
        DeletionJobSummary job = schedule(user, Initiator.user(user));

        UserDeletions.Restore restore = users.restore(user, Initiator.service("test"));

        assertThat(restore.outcome()).isEqualTo(UserDeletions.RestoreOutcome.RESTORED);
        assertThat(restore.job().orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
        assertThat(graceWindows.startDue()).as("a cancelled job never starts").isZero();
        assertKept(user, job.jobId());
        assertThat(users.restore(user, Initiator.service("test")).outcome()).as("nothing left to restore")
                .isEqualTo(UserDeletions.RestoreOutcome.NOT_SCHEDULED);
        // The user can be deleted again later: a new job, not the cancelled one.
        DeletionJobSummary again = users.start(request(user), Initiator.service("ops"), Duration.ZERO);
        assertThat(again.jobId()).isNotEqualTo(job.jobId());
        assertThat(awaitFinished(again.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertErased(user);
    }

    @Test
    void aLockedAccountWithoutAJobIsRestoredAndAnUnknownUserIsNotFound() {
        UUID user = member();
        accounts.scheduleDeletion(user, OrchestratorTestApplication.CLOCK.instant().plus(WINDOW));

        assertThat(users.restore(user, Initiator.service("test")).outcome()).isEqualTo(UserDeletions.RestoreOutcome.RESTORED);
        assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);

        UUID gone = UUID.randomUUID();
        accounts.erase(gone);
        assertThat(users.restore(gone, Initiator.service("test")).outcome()).isEqualTo(UserDeletions.RestoreOutcome.NOT_FOUND);
    }

    @Test
    void aCancellationByLoginBeforeTheDeadlineIsNoticedByTheSweepAndNothingIsDeleted() {
        UUID user = member();
        DeletionJobSummary job = schedule(user, Initiator.user(user));

        // The person logs in with cancel_deletion: the auth service restores the account on its own.
        accounts.set(user, AccountStatus.ACTIVE, null);
        OrchestratorTestApplication.CLOCK.advance(GraceWindows.RECONCILE_INTERVAL.plusSeconds(5));

        DeletionJobSummary cancelled = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> reads.find(job.jobId(), Instant.now()).orElseThrow(), found -> found.status() != JobStatus.SCHEDULED);
        assertThat(cancelled.status()).as("cancelled before its deadline %s", cancelled.scheduledFor())
                .isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.scheduledFor()).isAfter(OrchestratorTestApplication.CLOCK.instant());
        assertKept(user, job.jobId());
        assertThat(accounts.everDeleting(user)).isFalse();
    }

    @Test
    void aCancellationByLoginIsHonouredAtTheDeadlineWhenNoSweepSawItFirst() {
        worker.stop();
        UUID user = member();
        DeletionJobSummary job = schedule(user, Initiator.user(user));
        accounts.set(user, AccountStatus.ACTIVE, null);
        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));

        graceWindows.startOrCancelDue();

        assertThat(reads.status(job.jobId())).as("the auth service refused DELETING: cancelled, not started")
                .contains(JobStatus.CANCELLED);
        worker.start();
        assertKept(user, job.jobId());
        assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void askingAgainAfterACancellationByLoginSchedulesANewErasure() {
        UUID user = member();
        DeletionJobSummary first = schedule(user, Initiator.user(user));
        accounts.set(user, AccountStatus.ACTIVE, null);

        DeletionJobSummary second = schedule(user, Initiator.user(user));

        assertThat(second.jobId()).isNotEqualTo(first.jobId());
        assertThat(second.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(reads.status(first.jobId())).contains(JobStatus.CANCELLED);
        assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.PENDING_DELETION);
        assertThat(users.restore(user, Initiator.service("test")).outcome()).isEqualTo(UserDeletions.RestoreOutcome.RESTORED);
    }

    @Test
    void theSweepAsksAboutABoundedNumberOfAccountsAtMostOnceAnIntervalAndComesRoundToEveryJob() {
        worker.stop();
        List<UUID> scheduled = new ArrayList<>();
        for (int i = 0; i < GraceWindows.RECONCILE_LIMIT + 10; i++) {
            UUID user = member();
            schedule(user, Initiator.user(user));
            scheduled.add(user);
        }
        // The last one's window ends last, so the first sweep of a full page does not reach it.
        UUID cancelledLast = scheduled.get(scheduled.size() - 1);
        DeletionJobSummary lastJob = users.unfinishedJob(cancelledLast).orElseThrow();
        accounts.set(cancelledLast, AccountStatus.ACTIVE, null);
        OrchestratorTestApplication.CLOCK.advance(GraceWindows.RECONCILE_INTERVAL.plusSeconds(1));

        long before = accounts.lookups();
        graceWindows.startDue();
        long firstSweep = accounts.lookups() - before;
        graceWindows.startDue();
        graceWindows.startDue();

        assertThat(firstSweep).as("one sweep asks about a page of accounts at most").isEqualTo(GraceWindows.RECONCILE_LIMIT);
        assertThat(accounts.lookups() - before).as("further passes within the interval ask nothing").isEqualTo(firstSweep);
        for (int sweeps = 0; sweeps < 4 && reads.status(lastJob.jobId()).orElseThrow() == JobStatus.SCHEDULED; sweeps++) {
            OrchestratorTestApplication.CLOCK.advance(GraceWindows.RECONCILE_INTERVAL.plusSeconds(1));
            graceWindows.startDue();
        }
        assertThat(reads.status(lastJob.jobId())).as("a later sweep goes on where the last stopped").contains(JobStatus.CANCELLED);
        scheduled.forEach(user -> users.restore(user, Initiator.service("test")));
    }

    @Test
    void anAccountAlreadyDeletingWithoutAJobHasNoWindowLeftAndItsJobStartsAtOnce() {
        UUID user = member();
        // An earlier request without a window marked it, and its job was never created.
        accounts.set(user, AccountStatus.DELETING, null);

        DeletionJobSummary job = schedule(user, Initiator.user(user));

        assertThat(job.status()).isNotEqualTo(JobStatus.SCHEDULED);
        assertThat(job.scheduledFor()).isNull();
        assertThat(users.restore(user, Initiator.service("test")).outcome()).isEqualTo(UserDeletions.RestoreOutcome.STARTED);
        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertErased(user);
    }

    @Test
    void aWorkerStoppedAcrossTheDeadlineStartsTheJobWhenItIsBack() {
        UUID user = member();
        DeletionJobSummary job = schedule(user, Initiator.user(user));
        worker.stop();

        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
        assertThat(reads.status(job.jobId())).as("no worker, no start").contains(JobStatus.SCHEDULED);
        worker.start();

        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertErased(user);
    }

    @Test
    void aServiceSkipsTheWindowWithImmediateAndAUserMayNot() {
        UUID user = member();
        DeletionJobSummary job = schedule(user, Initiator.user(user));
        UUID other = member();
        ApiClient api = ApiClient.onPort(port);
        // Held PENDING once started, so the restore below meets a started job, not an erased user.
        worker.stop();

        ApiClient.Response byUser = api.delete("/api/v1/users/" + other + "?immediate=true",
                tokens.issueUserToken(other).value());
        ApiClient.Response byService = api.delete("/api/v1/users/" + user + "?immediate=true", serviceToken());

        assertThat(byUser.status()).as(byUser.toString()).isEqualTo(403);
        assertThat(byUser.isProblem()).isTrue();
        assertThat(accounts.account(other).orElseThrow().status()).as("nothing scheduled").isEqualTo(AccountStatus.ACTIVE);
        assertThat(byService.status()).as(byService.toString()).isEqualTo(202);
        assertThat(byService.json().path("job_id").asText()).isEqualTo(job.jobId().toString());
        assertThat(byService.json().path("status").asText()).isNotEqualTo("SCHEDULED");
        assertThat(accounts.everDeleting(user)).isTrue();
        ApiClient.Response restore = api.post("/api/v1/users/" + user + "/restore", serviceToken(), null);
        assertThat(restore.status()).as("started: deleted data cannot be restored; %s", restore).isEqualTo(409);
        assertThat(restore.isProblem()).isTrue();
        worker.start();
        assertThat(awaitFinished(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
        assertErased(user);
        assertThat(api.post("/api/v1/users/" + user + "/restore", serviceToken(), null).status())
                .as("erased: no such user").isEqualTo(404);
    }

    @Test
    void onlyServicesRestoreOverHttpAndNothingScheduledIsAConflict() {
        UUID user = member();
        DeletionJobSummary job = schedule(user, Initiator.user(user));
        ApiClient api = ApiClient.onPort(port);

        ApiClient.Response bySubject = api.post("/api/v1/users/" + user + "/restore", tokens.issueUserToken(user).value(), null);
        ApiClient.Response byService = api.post("/api/v1/users/" + user + "/restore", serviceToken(), null);
        ApiClient.Response again = api.post("/api/v1/users/" + user + "/restore", serviceToken(), null);

        assertThat(bySubject.status()).as("the subject is locked out before any rule applies: %s", bySubject).isEqualTo(401);
        assertThat(bySubject.isProblem()).isTrue();
        assertThat(bySubject.json().path("detail").asText()).contains("scheduled for deletion").contains("cancel_deletion");
        assertThat(byService.status()).as(byService.toString()).isEqualTo(200);
        assertThat(byService.json().path("job_id").asText()).isEqualTo(job.jobId().toString());
        assertThat(byService.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
    }

    @Test
    void aRestoreRacingThePurgeLeavesEitherAnActiveAccountWithEverythingOrAnErasedOneNeverBoth() throws Exception {
        int rounds = 5;
        int perRound = 6;
        worker.stop();
        // Round r's jobs are due r minutes after the first round's, so each round races on its own jobs.
        List<List<UUID>> usersByRound = new ArrayList<>();
        List<List<UUID>> jobsByRound = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<UUID> roundUsers = new ArrayList<>();
            List<UUID> roundJobs = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                UUID user = member();
                roundUsers.add(user);
                roundJobs.add(users.start(request(user), Initiator.user(user), WINDOW.plusMinutes(round)).jobId());
            }
            usersByRound.add(roundUsers);
            jobsByRound.add(roundJobs);
        }
        OrchestratorTestApplication.CLOCK.advance(WINDOW.plusSeconds(10));
        List<UUID> erased = new ArrayList<>();
        List<UUID> erasingJobs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round > 0) {
                OrchestratorTestApplication.CLOCK.advance(Duration.ofMinutes(1));
            }
            List<UUID> roundUsers = usersByRound.get(round);
            // This minute's sweep (it cancels none of these: their accounts are PENDING_DELETION)
            // before the race, so the purge's pass goes straight to the starts.
            graceWindows.reconcileIfDue();
            CountDownLatch go = new CountDownLatch(1);
            // The purge takes the round's jobs first to last, the restores last to first (and one
            // more restore of each at the same time): they meet somewhere, each round elsewhere.
            CompletableFuture<Map<UUID, UserDeletions.Restore>> backwards = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                Map<UUID, UserDeletions.Restore> outcomes = new java.util.HashMap<>();
                for (int i = roundUsers.size() - 1; i >= 0; i--) {
                    outcomes.put(roundUsers.get(i), users.restore(roundUsers.get(i), Initiator.service("test")));
                }
                return outcomes;
            });
            List<CompletableFuture<UserDeletions.Restore>> alongside = new ArrayList<>();
            for (UUID user : roundUsers) {
                alongside.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return users.restore(user, Initiator.service("test"));
                }));
            }
            CompletableFuture<Integer> purge = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return graceWindows.startDue();
            });

            go.countDown();
            int started = purge.get();
            Map<UUID, UserDeletions.Restore> backwardOutcomes = backwards.get();

            int restored = 0;
            for (int i = 0; i < perRound; i++) {
                UserDeletions.Restore first = backwardOutcomes.get(roundUsers.get(i));
                UserDeletions.Restore second = alongside.get(i).get();
                // Two restores of one account: either may be the one that cancelled; both saw the same winner.
                assertThat(first.outcome() == UserDeletions.RestoreOutcome.STARTED)
                        .as("round %d user %d: %s and %s", round, i, first.outcome(), second.outcome())
                        .isEqualTo(second.outcome() == UserDeletions.RestoreOutcome.STARTED);
                UUID user = roundUsers.get(i);
                UUID jobId = jobsByRound.get(round).get(i);
                if (first.outcome() != UserDeletions.RestoreOutcome.STARTED) {
                    restored++;
                    assertThat(List.of(first.outcome(), second.outcome())).as("one of them restored it")
                            .contains(UserDeletions.RestoreOutcome.RESTORED)
                            .allMatch(outcome -> outcome != UserDeletions.RestoreOutcome.NOT_FOUND);
                    assertThat(reads.status(jobId)).contains(JobStatus.CANCELLED);
                    assertThat(accounts.everDeleting(user)).as("a restored account was never DELETING").isFalse();
                    assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
                } else {
                    assertThat(reads.status(jobId)).contains(JobStatus.PENDING);
                    assertThat(accounts.account(user).orElseThrow().status()).isEqualTo(AccountStatus.DELETING);
                    erased.add(user);
                    erasingJobs.add(jobId);
                }
            }
            assertThat(restored + started).as("round %d: each user either restored or purged, never both", round)
                    .isEqualTo(perRound);
        }
        worker.start();
        for (int i = 0; i < erased.size(); i++) {
            assertThat(awaitFinished(erasingJobs.get(i)).status()).isEqualTo(JobStatus.COMPLETED);
            assertErased(erased.get(i));
        }
        for (List<UUID> roundUsers : usersByRound) {
            roundUsers.stream().filter(user -> !erased.contains(user)).forEach(user -> {
                assertThat(tenancy.userExists(user)).as("a restored user keeps everything").isTrue();
                assertThat(tenancy.of(user)).hasSize(1);
            });
        }
    }

    /** A user who is a MEMBER of one tenant: something for the erasure to remove. */
    private UUID member() {
        UUID user = UUID.randomUUID();
        tenancy.add(UUID.randomUUID(), user, TenantRole.MEMBER, Instant.parse("2026-03-01T00:00:00Z"));
        return user;
    }

    private DeletionJobSummary schedule(UUID user, Initiator initiator) {
        return users.start(request(user), initiator, WINDOW);
    }

    private static UserDeletions.Request request(UUID user) {
        return new UserDeletions.Request(user, UserDeletions.OwnedTenants.TRANSFER, Map.of());
    }

    /** Nothing of the user was deleted, and no step of the job ever ran. */
    private void assertKept(UUID user, UUID jobId) {
        assertThat(tenancy.userExists(user)).isTrue();
        assertThat(tenancy.of(user)).as("the membership is kept").hasSize(1);
        assertThat(reads.find(jobId, Instant.now()).orElseThrow().serviceResults())
                .allSatisfy(step -> assertThat(step.attempts()).as(step.toString()).isZero());
    }

    private void assertErased(UUID user) {
        assertThat(accounts.account(user)).as("the account is gone").isEmpty();
        assertThat(tenancy.userExists(user)).isFalse();
        assertThat(tenancy.of(user)).isEmpty();
    }

    private String serviceToken() {
        return tokens.issueServiceToken("support").value();
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> reads.find(jobId, Instant.now()).orElseThrow(),
                        job -> !job.inProgress() && job.status() != JobStatus.SCHEDULED);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
