package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.bakeryia.orchestrator.DeletionOrchestratorConfiguration;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobStats;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.job.LeasedStep;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.lifecycle.DeletionJobStarts;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.data.ServiceDatabases;
import com.bakeryia.testsupport.SharedTestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of {@code GET /api/v1/deletion-jobs/stats} against jobs made here, in a job store of
 * their own (its own database, migrated as the orchestrator does), driven with explicit times: so
 * every figure is exact, whatever other tests leave in the shared store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeletionJobStatsTest {

    private static final Duration LEASE = Duration.ofHours(12);
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private ServiceDatabases databases;
    private DeletionJobStarts starts;
    private DeletionStepLeases leases;
    private DeletionJobReads reads;

    @BeforeAll
    void openAStoreOfItsOwn() {
        String database = "deletion_stats_" + UUID.randomUUID().toString().substring(0, 8);
        var properties = new BakeryProperties(null, new BakeryProperties.Database(SharedTestPostgres.jdbcUrl(database),
                SharedTestPostgres.username(), null, 2), Map.of());
        databases = new ServiceDatabases(properties, new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
        JobStoreTables tables = JobStoreTables.in(databases.open(new ServiceModule(
                DeletionOrchestratorConfiguration.SERVICE, "deletion")));
        DeletionAudit audit = new DeletionAudit(tables);
        starts = new DeletionJobStarts(tables, audit);
        leases = new DeletionStepLeases(tables, Duration.ZERO, audit,
                new DeletionCertificates(tables, (claims, issuedAt) -> new DeletionCertificates.Signed("a.b.c", "k")));
        reads = new DeletionJobReads(tables);
    }

    @AfterAll
    void close() {
        databases.destroy();
    }

    @Test
    void countsJobsByStatusFindsTheLongestFailedAndSumsTheRowsOfStepsThatSucceededInTheWindow() {
        assertThat(reads.stats(NOW)).as("an empty store")
                .isEqualTo(new DeletionJobStats(0, 0, 0, 0, null, null, 0, 0.0));
        // Two jobs fail at the same instant, three hours ago, and one an hour ago: the oldest is the
        // lower id of the first two (as PostgreSQL orders uuids: by their bytes, as their text sorts).
        UUID failedFirst = failAt(NOW.minus(Duration.ofHours(3)));
        UUID failedTogether = failAt(NOW.minus(Duration.ofHours(3)));
        failAt(NOW.minus(Duration.ofHours(1)));
        // A running job whose three DELETE steps succeed 70, 40 and 5 minutes ago with 100, 40 and 30 rows.
        UUID running = start(List.of("ledger", "oven", "pantry"), NOW.minus(Duration.ofHours(3)), 3);
        List<LeasedStep> deletes = leases.claim("worker", 100, NOW.minus(Duration.ofHours(3)), LEASE);
        assertThat(deletes).hasSize(3).allSatisfy(step -> assertThat(step.jobId()).isEqualTo(running));
        succeed(deletes.get(0), 100, NOW.minus(Duration.ofMinutes(70)));
        succeed(deletes.get(1), 40, NOW.minus(Duration.ofMinutes(40)));
        succeed(deletes.get(2), 30, NOW.minus(Duration.ofMinutes(5)));
        // A VERIFY step of it deletes 9 late rows a minute from now: not counted yet at NOW.
        LeasedStep verify = leases.claim("worker", 1, NOW.plus(Duration.ofMinutes(1)), LEASE).get(0);
        assertThat(verify.phase()).isEqualTo(StepPhase.VERIFY);
        succeed(verify, 9, NOW.plus(Duration.ofMinutes(1)));
        // One job waits out its window, one has not been claimed yet.
        start(List.of("oven"), NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(30)));
        start(List.of("oven"), NOW.minus(Duration.ofMinutes(1)), 3);

        DeletionJobStats now = reads.stats(NOW);
        DeletionJobStats later = reads.stats(NOW.plus(Duration.ofMinutes(2)));

        UUID oldest = Stream.of(failedFirst, failedTogether).min(Comparator.comparing(UUID::toString)).orElseThrow();
        assertThat(now).isEqualTo(new DeletionJobStats(1, 1, 1, 3, NOW.minus(Duration.ofHours(3)), oldest,
                40 + 30, 30 / 15.0));
        assertThat(later.rowsDeletedLastHour()).as("the late rows once they are in the past").isEqualTo(40 + 30 + 9);
        assertThat(later.rowsDeletedPerMinute()).as("(30 + 9) / 15, two decimals").isEqualTo(2.6);
        assertThat(reads.stats(NOW.plus(Duration.ofHours(2))).rowsDeletedLastHour()).as("all of it over an hour ago")
                .isZero();
    }

    /** A job of one step (oven) that fails for good at {@code at}: one attempt allowed. */
    private UUID failAt(Instant at) {
        UUID job = start(List.of("oven"), at.minus(Duration.ofMinutes(10)), 1);
        LeasedStep step = leases.claim("worker", 1, at.minus(Duration.ofMinutes(10)), LEASE).get(0);
        assertThat(step.jobId()).isEqualTo(job);
        assertThat(leases.complete(step, AttemptOutcome.failed("oven: connection refused", true), Duration.ofMillis(5),
                Duration.ZERO, at)).isEqualTo(DeletionStepLeases.JobTransition.FAILED);
        return job;
    }

    private void succeed(LeasedStep step, long rows, Instant at) {
        leases.complete(step, AttemptOutcome.succeeded(Map.of("deleted", Map.of(step.service() + ".rows", rows)), rows, 0),
                Duration.ofMillis(5), Duration.ZERO, at);
    }

    private UUID start(List<String> services, Instant at, int attempts) {
        return starts.startOrFind(JobKind.TENANT, UUID.randomUUID(), Initiator.service("test"), services, List.of(),
                attempts, at).jobId();
    }

    private UUID start(List<String> services, Instant at, Instant startAt) {
        return starts.startOrFind(JobKind.TENANT, UUID.randomUUID(), Initiator.service("test"), services, List.of(),
                3, at, startAt).jobId();
    }
}
