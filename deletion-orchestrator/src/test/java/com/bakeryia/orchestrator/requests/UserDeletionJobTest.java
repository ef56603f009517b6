package com.bakeryia.orchestrator.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.FakeAccounts;
import com.bakeryia.orchestrator.FakeTenancy;
import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.ParticipantFaults;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.engine.DeletionWorker;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.lifecycle.OwnedTenants;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.web.ApiProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * User jobs on the real job store: the PREPARE step waits for the tenant job of an owned tenant
 * and fails (never proceeds) when that job failed; a transfer goes to the longest-standing admin;
 * an owned tenant without another admin is refused before any job exists.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserDeletionJobTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    UserDeletions users;

    @Autowired
    DeletionJobs jobs;

    @Autowired
    DeletionJobReads reads;

    @Autowired
    DeletionWorker worker;

    @Autowired
    OwnedTenants ownedTenants;

    @Autowired
    DeletionJobStarts starts;

    @Autowired
    com.bakeryia.platform.deletion.DataServices dataServices;

    private final TestTenants tenants = new TestTenants();
    private final ParticipantFaults faults = ParticipantFaults.INSTANCE;
    private final FakeTenancy tenancy = FakeTenancy.INSTANCE;

    @AfterEach
    void clearFaults() {
        faults.reset();
        worker.start();
    }

    @Test
    void aFailedTenantJobFailsTheUserJobBeforeAnyDataStepAndARetryOfBothFinishesIt() {
        UUID owner = UUID.randomUUID();
        UUID tenant = tenants.seed(10);
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2026-01-01T00:00:00Z"));
        faults.down("oven", true);

        DeletionJobSummary started = users.start(new UserDeletions.Request(owner, UserDeletions.OwnedTenants.DELETE, Map.of()),
                Initiator.service("tenant-admin-console"));
        DeletionJobSummary failed = awaitFinished(started.jobId());

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.serviceResults()).extracting(step -> step.phase() + " " + step.service() + " " + step.status())
                .containsExactly("PREPARE tenant FAILED");
        assertThat(failed.errors().get(0)).contains("tenant deletion job").contains("failed");
        assertThat(tenancy.markedDeleting(tenant)).isTrue();
        assertThat(tenancy.roleOf(tenant, owner)).as("nothing of the user went while the tenant is half-deleted")
                .isEqualTo(TenantRole.OWNER);
        assertThat(tenancy.userExists(owner)).isTrue();
        DeletionJobSummary tenantJob = jobs.list(tenant, null, 5).get(0);
        assertThat(tenantJob.status()).isEqualTo(JobStatus.FAILED);
        // Asked by the person (a service's repeat would retry it, see below).
        assertThat(users.start(new UserDeletions.Request(owner, UserDeletions.OwnedTenants.DELETE, Map.of()),
                Initiator.user(owner)).jobId())
                .as("a FAILED user job is still the user's unfinished job").isEqualTo(started.jobId());

        faults.down("oven", false);
        assertThat(jobs.retry(tenantJob.jobId(), Initiator.service("test"))).isEqualTo(DeletionJobs.RetryOutcome.RETRIED);
        assertThat(jobs.retry(started.jobId(), Initiator.service("test"))).isEqualTo(DeletionJobs.RetryOutcome.RETRIED);
        DeletionJobSummary done = awaitFinished(started.jobId());

        assertThat(done.status()).as(done.errors().toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(jobs.find(tenantJob.jobId()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.recordExists(tenant)).isFalse();
        assertThat(done.serviceResults()).extracting(step -> step.phase() + " " + step.service())
                .containsExactly("PREPARE tenant", "DELETE ledger", "DELETE oven", "DELETE pantry", "DELETE tenant",
                        "VERIFY ledger", "VERIFY oven", "VERIFY pantry", "VERIFY tenant", "FINAL auth");
        assertThat(done.serviceResults().get(0).counts().get("tenant_deleted")).containsOnlyKeys(tenant.toString());
        assertThat(tenancy.userExists(owner)).isFalse();
    }

    @Test
    void anOwnedTenantWhoseDeletionIsScheduledIsDeletedAtOnceWhenTheOwnerAsksToDeleteTheirTenants() {
        UUID owner = UUID.randomUUID();
        UUID tenant = tenants.seed(4);
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2026-02-01T00:00:00Z"));
        DeletionJobSummary scheduled = jobs.startTenantDeletion(tenant, Initiator.user(owner), Duration.ofDays(30));
        assertThat(scheduled.status()).isEqualTo(JobStatus.SCHEDULED);

        DeletionJobSummary done = awaitFinished(users.start(new UserDeletions.Request(owner, UserDeletions.OwnedTenants.DELETE,
                Map.of()), Initiator.user(owner)).jobId());

        assertThat(done.status()).as(done.toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(jobs.find(scheduled.jobId()).orElseThrow().status()).as("the window was not waited out")
                .isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.rowsOf(tenant)).as("the tenant's rows; the job store's record of what the user job did stays")
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isEqualTo(table.startsWith("deletion.") ? 1 : 0));
        assertThat(tenancy.userExists(owner)).isFalse();
    }

    @Test
    void ownershipGoesToTheLongestStandingAdminAndTheUserIsRemovedEverywhere() {
        UUID owner = UUID.randomUUID();
        UUID veteran = UUID.randomUUID();
        UUID newcomer = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(tenant, newcomer, TenantRole.ADMIN, Instant.parse("2026-03-01T00:00:00Z"));
        tenancy.add(tenant, veteran, TenantRole.ADMIN, Instant.parse("2025-06-01T00:00:00Z"));
        tenancy.add(other, owner, TenantRole.MEMBER, Instant.parse("2025-06-01T00:00:00Z"));
        UserDeletions.Request request = new UserDeletions.Request(owner, null, Map.of());

        UserDeletionPreview preview = users.preview(request);
        assertThat(preview.ownedTenants()).containsExactly(new UserDeletionPreview.OwnedTenant(tenant, "TRANSFER", veteran, null));
        assertThat(preview.memberships()).hasSize(2);

        DeletionJobSummary done = awaitFinished(users.start(request, Initiator.user(owner)).jobId());

        assertThat(done.status()).as(done.errors().toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.kind()).isEqualTo(JobKind.USER);
        assertThat(tenancy.roleOf(tenant, veteran)).isEqualTo(TenantRole.OWNER);
        assertThat(tenancy.roleOf(tenant, newcomer)).isEqualTo(TenantRole.ADMIN);
        assertThat(tenancy.roleOf(tenant, owner)).isNull();
        assertThat(tenancy.roleOf(other, owner)).isNull();
        assertThat(done.serviceResults().get(0).counts().get("deleted")).containsEntry("tenant.memberships", 2L);
    }

    /** An admin whose own deletion is scheduled is locked out: the tenant goes to the next admin, or the start is refused. */
    @Test
    void anAdminWhoseOwnDeletionIsScheduledDoesNotInheritTheTenant() {
        UUID owner = UUID.randomUUID();
        UUID leavingAdmin = UUID.randomUUID();
        UUID otherAdmin = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        UUID lonely = UUID.randomUUID();
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(tenant, leavingAdmin, TenantRole.ADMIN, Instant.parse("2025-02-01T00:00:00Z"));
        tenancy.add(tenant, otherAdmin, TenantRole.ADMIN, Instant.parse("2025-09-01T00:00:00Z"));
        FakeAccounts.INSTANCE.set(leavingAdmin, com.bakeryia.platform.identity.UserDirectory.AccountStatus.PENDING_DELETION,
                Instant.parse("2027-01-01T00:00:00Z"));

        UserDeletionPreview preview = users.preview(new UserDeletions.Request(owner, null, Map.of()));

        assertThat(preview.ownedTenants()).as("the longest-standing admin is leaving too")
                .containsExactly(new UserDeletionPreview.OwnedTenant(tenant, "TRANSFER", otherAdmin, null));
        assertThat(users.preview(new UserDeletions.Request(owner, null, Map.of(tenant, leavingAdmin))).ownedTenants())
                .singleElement().satisfies(plan -> assertThat(plan.reason()).contains("ACTIVE account"));
        tenancy.add(lonely, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(lonely, leavingAdmin, TenantRole.ADMIN, Instant.parse("2025-02-01T00:00:00Z"));
        assertThatThrownBy(() -> users.start(new UserDeletions.Request(owner, null, Map.of()), Initiator.service("support")))
                .as("the only other admin cannot take over").isInstanceOfSatisfying(ApiProblem.class, problem ->
                        assertThat(problem.getBody().getProperties()).containsEntry("tenants", java.util.List.of(lonely)));
        assertThat(users.unfinishedJob(owner)).isEmpty();
    }

    @Test
    void anOwnedTenantWithoutAnotherAdminIsRefusedAndNoJobIsCreated() {
        UUID owner = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(tenant, member, TenantRole.MEMBER, Instant.parse("2025-02-01T00:00:00Z"));

        assertThatThrownBy(() -> users.start(new UserDeletions.Request(owner, null, Map.of()), Initiator.service("support")))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.getBody().getProperties()).containsEntry("tenants", java.util.List.of(tenant));
                });
        assertThatThrownBy(() -> users.start(new UserDeletions.Request(owner, null, Map.of(tenant, member)), Initiator.service("support")))
                .as("the chosen owner must be an ADMIN").isInstanceOf(ApiProblem.class);
        assertThat(users.unfinishedJob(owner)).isEmpty();
        assertThat(jobs.list(owner, null, 5)).isEmpty();
        assertThat(tenancy.roleOf(tenant, owner)).isEqualTo(TenantRole.OWNER);
    }

    @Test
    void whenTheChosenNewOwnerIsDemotedAfterTheJobStartedTheTenantGoesToTheOtherAdmin() {
        UUID owner = UUID.randomUUID();
        UUID veteran = UUID.randomUUID();
        UUID newcomer = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(tenant, veteran, TenantRole.ADMIN, Instant.parse("2025-06-01T00:00:00Z"));
        tenancy.add(tenant, newcomer, TenantRole.ADMIN, Instant.parse("2026-03-01T00:00:00Z"));

        UUID jobId = startWhileTheWorkerIsPaused(owner, () -> tenancy.setRole(tenant, veteran, TenantRole.MEMBER));
        DeletionJobSummary done = awaitFinished(jobId);

        assertThat(done.status()).as(done.errors().toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenancy.roleOf(tenant, newcomer)).isEqualTo(TenantRole.OWNER);
        assertThat(tenancy.roleOf(tenant, veteran)).isEqualTo(TenantRole.MEMBER);
        assertThat(tenancy.roleOf(tenant, owner)).isNull();
        assertThat(ownedTenants.of(jobId)).singleElement()
                .satisfies(owned -> assertThat(owned.newOwnerId()).as("the new choice is recorded").isEqualTo(newcomer));
        assertThat(done.serviceResults().get(0).attempts()).isEqualTo(1);
    }

    @Test
    void whenNoAdminIsLeftToTakeTheTenantOverTheJobFailsNamingItAndARetryAfterAPromotionFinishesIt() {
        UUID owner = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(tenant, admin, TenantRole.ADMIN, Instant.parse("2025-06-01T00:00:00Z"));

        UUID jobId = startWhileTheWorkerIsPaused(owner, () -> tenancy.setRole(tenant, admin, TenantRole.MEMBER));
        DeletionJobSummary failed = awaitFinished(jobId);

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.errors()).singleElement().asString().contains("tenant " + tenant).contains("no ADMIN");
        assertThat(failed.serviceResults()).singleElement().satisfies(step -> {
            assertThat(step.phase()).isEqualTo(StepPhase.PREPARE);
            assertThat(step.attempts()).as("not retried: only someone making an ADMIN helps").isEqualTo(1);
        });
        assertThat(tenancy.roleOf(tenant, owner)).isEqualTo(TenantRole.OWNER);

        tenancy.setRole(tenant, admin, TenantRole.ADMIN);
        assertThat(jobs.retry(jobId, Initiator.service("test"))).isEqualTo(DeletionJobs.RetryOutcome.RETRIED);
        DeletionJobSummary done = awaitFinished(jobId);

        assertThat(done.status()).as(done.errors().toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenancy.roleOf(tenant, admin)).isEqualTo(TenantRole.OWNER);
        assertThat(tenancy.userExists(owner)).isFalse();
    }

    @Test
    void aRepeatedDeletionByAServiceRetriesAFailedUserJobAndOneByThePersonAnswersItAsItIs() {
        UUID owner = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        tenancy.add(tenant, owner, TenantRole.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
        tenancy.add(tenant, admin, TenantRole.ADMIN, Instant.parse("2025-06-01T00:00:00Z"));
        UUID jobId = startWhileTheWorkerIsPaused(owner, () -> tenancy.setRole(tenant, admin, TenantRole.MEMBER));
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.FAILED);
        tenancy.setRole(tenant, admin, TenantRole.ADMIN);
        UserDeletions.Request request = new UserDeletions.Request(owner, null, Map.of());

        assertThat(users.start(request, Initiator.user(owner)).status()).as("the person is locked out; theirs is no retry")
                .isEqualTo(JobStatus.FAILED);
        DeletionJobSummary retried = users.start(request, Initiator.service("support"));

        assertThat(retried.jobId()).isEqualTo(jobId);
        assertThat(retried.status()).isIn(JobStatus.RUNNING, JobStatus.COMPLETED);
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenancy.userExists(owner)).isFalse();
        assertThat(FakeAccounts.INSTANCE.account(owner)).isEmpty();
    }

    @Test
    void aJobCreatedBeforeAccountsHadADeletionLifecycleLocksItsPersonInItsPrepareStep() {
        UUID user = UUID.randomUUID();
        tenancy.add(UUID.randomUUID(), user, TenantRole.MEMBER, Instant.parse("2025-01-01T00:00:00Z"));
        // As such a job was created: its steps straight away, the account left ACTIVE.
        UUID jobId = starts.startOrFind(JobKind.USER, user, Initiator.user(user), dataServices.names(), java.util.List.of(),
                3, OrchestratorTestApplication.CLOCK.instant()).jobId();

        DeletionJobSummary done = awaitFinished(jobId);

        assertThat(done.status()).as(done.errors().toString()).isEqualTo(JobStatus.COMPLETED);
        assertThat(FakeAccounts.INSTANCE.everDeleting(user)).as("DELETING before anything of the user went").isTrue();
        assertThat(FakeAccounts.INSTANCE.account(user)).isEmpty();
    }

    /**
     * Starts deleting {@code user} with this context's worker paused (after the jobs other tests
     * left under way have finished), does {@code meanwhile}, and resumes the worker: what happens
     * between the plan and the first PREPARE attempt.
     */
    private UUID startWhileTheWorkerIsPaused(UUID user, Runnable meanwhile) {
        await().atMost(PATIENCE).until(() -> reads.list(null, JobStatus.PENDING, 1, Instant.now()).isEmpty()
                && reads.list(null, JobStatus.RUNNING, 1, Instant.now()).isEmpty());
        worker.stop();
        try {
            UUID jobId = users.start(new UserDeletions.Request(user, null, Map.of()), Initiator.user(user)).jobId();
            meanwhile.run();
            return jobId;
        } finally {
            worker.start();
        }
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !jobs.find(jobId).orElseThrow().inProgress());
        return jobs.find(jobId).orElseThrow();
    }
}
