package com.bakeryia.orchestrator.requests;

import java.time.Duration;
import java.util.UUID;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.StepPhase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counts a job reports are the rows it deleted, exactly, whatever happens to its attempts: an
 * attempt that dies in the middle of a chunk has committed the chunks before it, and the attempt
 * that finishes the step reports those too. The faults are real database failures inside the
 * chunk statements (a trigger on one row raises, or stalls past the call timeout), so the chunks
 * before that row are committed and the chunk holding it is not.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExactCountsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** 20 chunks of {@link OrchestratorTestApplication#BATCH_SIZE} in {@code pantry.items}. */
    private static final int ROWS = 1_000;

    @Autowired
    DeletionJobs jobs;

    private final TestTenants tenants = new TestTenants();

    @AfterEach
    void removeTrap() {
        tenants.jdbc().execute("drop trigger if exists trap on pantry.items");
        tenants.jdbc().execute("drop function if exists pantry.trap()");
        tenants.jdbc().execute("drop sequence if exists pantry.trap_hits");
    }

    @Test
    void attemptsThatFailMidChunkLeaveEveryCommittedChunkCounted() {
        UUID tenant = tenantWithTrapHalfway();
        // The first two deletes of the trap row raise: two attempts die mid-chunk, the third finishes.
        setTrap("raise exception 'injected failure in the middle of a chunk (test)'");
        long before = tenants.totalRowsOf(tenant) + 1;

        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        DeletionJobSummary.StepResult pantry = DeletionJobLifecycleTest.step(done, StepPhase.DELETE, "pantry");
        assertThat(pantry.attemptHistory()).extracting(DeletionJobSummary.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(pantry.attemptHistory().get(0).error()).contains("injected failure in the middle of a chunk");
        assertThat(pantry.counts().get("deleted")).containsEntry("pantry.items", (long) ROWS);
        assertThat(pantry.itemsDeleted()).isEqualTo(ROWS);
        assertThat(done.totalItemsDeleted()).as("every row of the tenant and its record").isEqualTo(before);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    @Test
    void anAttemptThatStallsPastItsTimeoutMidChunkIsCountedWithTheAttemptThatFinishes() {
        UUID tenant = tenantWithTrapHalfway();
        // The first delete of the trap row stalls past the call timeout (1 s): the attempt is
        // abandoned as TIMED_OUT while its statement is still running, and commits later.
        setTrap("perform pg_sleep(1.5)");
        long before = tenants.totalRowsOf(tenant) + 1;

        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        DeletionJobSummary.StepResult pantry = DeletionJobLifecycleTest.step(done, StepPhase.DELETE, "pantry");
        assertThat(pantry.attemptHistory()).extracting(DeletionJobSummary.Attempt::outcome)
                .startsWith("TIMED_OUT").endsWith("SUCCEEDED");
        assertThat(pantry.counts().get("deleted")).containsEntry("pantry.items", (long) ROWS);
        assertThat(done.totalItemsDeleted()).isEqualTo(before);
        assertThat(tenants.totalRowsOf(tenant)).isZero();
    }

    /** A tenant whose {@code pantry.items} hold {@link #ROWS} rows, the one named {@code trap} in the middle. */
    private UUID tenantWithTrapHalfway() {
        UUID tenant = tenants.seed(ROWS / 2 - 1);
        tenants.jdbc().update("insert into pantry.items (tenant_id, name) values (?, 'trap')", tenant);
        tenants.jdbc().update("insert into pantry.items (tenant_id, name) select ?, 'sugar ' || n"
                + " from generate_series(1, ?) n", tenant, ROWS / 2);
        return tenant;
    }

    /** Before each of the first two deletes of the trap row, {@code action} runs (a sequence counts, rollbacks do not undo it). */
    private void setTrap(String action) {
        tenants.jdbc().execute("create sequence pantry.trap_hits");
        tenants.jdbc().execute("create function pantry.trap() returns trigger language plpgsql as $$ begin"
                + " if old.name = 'trap' and nextval('pantry.trap_hits') <= 2 then " + action + "; end if;"
                + " return old; end $$");
        tenants.jdbc().execute("create trigger trap before delete on pantry.items for each row execute function pantry.trap()");
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !jobs.find(jobId).orElseThrow().inProgress());
        return jobs.find(jobId).orElseThrow();
    }
}
