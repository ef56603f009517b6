package com.bakeryia.orchestrator.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The saga as a plan: which steps come next, decided from step statuses alone. No Spring, no database. */
class JobPlanTest {

    private static final List<String> DATA = List.of("orders", "pos");

    @Test
    void aTenantJobDeletesInEveryDataServiceThenVerifiesThenRemovesTheTenantRecord() {
        assertThat(run(JobKind.TENANT, DATA)).containsExactly(
                List.of(step(StepPhase.DELETE, "orders"), step(StepPhase.DELETE, "pos")),
                List.of(step(StepPhase.VERIFY, "orders"), step(StepPhase.VERIFY, "pos")),
                List.of(step(StepPhase.FINAL, "tenant")));
    }

    @Test
    void aUserJobPreparesAtTheTenantServiceSweepsEveryServiceAndRemovesTheUserRecordLast() {
        assertThat(run(JobKind.USER, DATA)).containsExactly(
                List.of(step(StepPhase.PREPARE, "tenant")),
                List.of(step(StepPhase.DELETE, "orders"), step(StepPhase.DELETE, "pos"), step(StepPhase.DELETE, "tenant")),
                List.of(step(StepPhase.VERIFY, "orders"), step(StepPhase.VERIFY, "pos"), step(StepPhase.VERIFY, "tenant")),
                List.of(step(StepPhase.FINAL, "auth")));
    }

    @Test
    void aNewJobStartsWithItsFirstPhase() {
        assertThat(JobPlan.next(JobKind.TENANT, DATA, Map.of()))
                .isEqualTo(start(step(StepPhase.DELETE, "orders"), step(StepPhase.DELETE, "pos")));
        assertThat(JobPlan.next(JobKind.USER, DATA, Map.of())).isEqualTo(start(step(StepPhase.PREPARE, "tenant")));
    }

    @Test
    void eachServiceVerifiesAsSoonAsItsOwnDeleteSucceeded() {
        Map<JobPlan.StepKey, StepStatus> steps = statuses(StepPhase.DELETE, "orders", StepStatus.SUCCEEDED,
                StepPhase.DELETE, "pos", StepStatus.RUNNING);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps))
                .as("orders does not wait for the larger pos").isEqualTo(start(step(StepPhase.VERIFY, "orders")));

        steps.put(step(StepPhase.VERIFY, "orders"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps)).as("pos still deletes").isInstanceOf(JobPlan.Next.Wait.class);

        steps.put(step(StepPhase.DELETE, "pos"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps)).isEqualTo(start(step(StepPhase.VERIFY, "pos")));
    }

    @Test
    void aJobOfTheFirstPlanScansInAStepOfItsOwnAfterEachVerification() {
        Map<JobPlan.StepKey, StepStatus> steps = statuses(StepPhase.DELETE, "orders", StepStatus.SUCCEEDED,
                StepPhase.VERIFY, "orders", StepStatus.SUCCEEDED, StepPhase.DELETE, "pos", StepStatus.SUCCEEDED,
                StepPhase.VERIFY, "pos", StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, JobPlan.FIRST_PLAN, steps))
                .isEqualTo(start(step(StepPhase.SCAN, "orders"), step(StepPhase.SCAN, "pos")));
        assertThat(JobPlan.next(JobKind.TENANT, DATA, JobPlan.CURRENT_PLAN, steps))
                .isEqualTo(new JobPlan.Next.Start(List.of(step(StepPhase.FINAL, "tenant")), true));

        steps.put(step(StepPhase.SCAN, "orders"), StepStatus.SUCCEEDED);
        steps.put(step(StepPhase.SCAN, "pos"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, JobPlan.FIRST_PLAN, steps))
                .isEqualTo(new JobPlan.Next.Start(List.of(step(StepPhase.FINAL, "tenant")), true));
    }

    @Test
    void aPendingOrRunningStepHoldsItsServiceOnly() {
        assertThat(JobPlan.next(JobKind.TENANT, DATA, statuses(StepPhase.DELETE, "orders", StepStatus.PENDING,
                StepPhase.DELETE, "pos", StepStatus.RUNNING))).isInstanceOf(JobPlan.Next.Wait.class);
    }

    @Test
    void nobodyDeletesBeforeAUserJobIsPrepared() {
        assertThat(JobPlan.next(JobKind.USER, DATA, statuses(StepPhase.PREPARE, "tenant", StepStatus.RUNNING)))
                .isInstanceOf(JobPlan.Next.Wait.class);
        assertThat(JobPlan.next(JobKind.USER, DATA, statuses(StepPhase.PREPARE, "tenant", StepStatus.FAILED)))
                .isInstanceOf(JobPlan.Next.Fail.class);
        assertThat(JobPlan.next(JobKind.USER, DATA, statuses(StepPhase.PREPARE, "tenant", StepStatus.SUCCEEDED)))
                .isEqualTo(start(step(StepPhase.DELETE, "orders"), step(StepPhase.DELETE, "pos"),
                        step(StepPhase.DELETE, "tenant")));
    }

    @Test
    void aFailedStepStopsItsServiceWhileTheOthersGoOnAndFailsTheJobOnceNothingElseRuns() {
        Map<JobPlan.StepKey, StepStatus> steps = statuses(StepPhase.DELETE, "orders", StepStatus.FAILED,
                StepPhase.DELETE, "pos", StepStatus.RUNNING);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps))
                .as("a running sibling still finishes first").isInstanceOf(JobPlan.Next.Wait.class);

        steps.put(step(StepPhase.DELETE, "pos"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps))
                .as("pos goes on to its checks").isEqualTo(start(step(StepPhase.VERIFY, "pos")));

        steps.put(step(StepPhase.VERIFY, "pos"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps)).isInstanceOf(JobPlan.Next.Fail.class);

        steps.put(step(StepPhase.DELETE, "orders"), StepStatus.PENDING);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps))
                .as("retried: the failed step runs again, the rest stays done").isInstanceOf(JobPlan.Next.Wait.class);
    }

    @Test
    void theRecordGoesOnlyWhenEveryServiceVerifiedAndTheJobCompletesWhenItsFinalStepSucceeded() {
        Map<JobPlan.StepKey, StepStatus> steps = new HashMap<>();
        for (String service : DATA) {
            for (StepPhase phase : JobPlan.SWEEP) {
                steps.put(step(phase, service), StepStatus.SUCCEEDED);
            }
        }
        steps.put(step(StepPhase.VERIFY, "pos"), StepStatus.RUNNING);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps)).isInstanceOf(JobPlan.Next.Wait.class);

        steps.put(step(StepPhase.VERIFY, "pos"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps))
                .isEqualTo(new JobPlan.Next.Start(List.of(step(StepPhase.FINAL, "tenant")), true));

        steps.put(step(StepPhase.FINAL, "tenant"), StepStatus.FAILED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps)).isInstanceOf(JobPlan.Next.Fail.class);

        steps.put(step(StepPhase.FINAL, "tenant"), StepStatus.SUCCEEDED);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, steps)).isInstanceOf(JobPlan.Next.Complete.class);
    }

    @Test
    void withoutDataServicesAJobGoesStraightToItsRecord() {
        assertThat(run(JobKind.TENANT, List.of())).containsExactly(List.of(step(StepPhase.FINAL, "tenant")));
        assertThat(JobPlan.next(JobKind.TENANT, List.of(), Map.of()))
                .isEqualTo(new JobPlan.Next.Start(List.of(step(StepPhase.FINAL, "tenant")), true));
        assertThat(run(JobKind.USER, List.of())).as("the tenant service still sweeps a user's traces").containsExactly(
                List.of(step(StepPhase.PREPARE, "tenant")), List.of(step(StepPhase.DELETE, "tenant")),
                List.of(step(StepPhase.VERIFY, "tenant")), List.of(step(StepPhase.FINAL, "auth")));
    }

    /**
     * A job run to its end with every step succeeding as soon as it starts, all started at once
     * succeeding together: the groups of steps in the order {@link JobPlan#next} started them.
     */
    private static List<List<JobPlan.StepKey>> run(JobKind kind, List<String> dataServices) {
        Map<JobPlan.StepKey, StepStatus> steps = new HashMap<>();
        List<List<JobPlan.StepKey>> started = new java.util.ArrayList<>();
        for (JobPlan.Next next = JobPlan.next(kind, dataServices, steps); !(next instanceof JobPlan.Next.Complete);
             next = JobPlan.next(kind, dataServices, steps)) {
            assertThat(next).as("after %s", started).isInstanceOf(JobPlan.Next.Start.class);
            List<JobPlan.StepKey> group = ((JobPlan.Next.Start) next).steps();
            started.add(group);
            group.forEach(step -> steps.put(step, StepStatus.SUCCEEDED));
        }
        return started;
    }

    private static JobPlan.StepKey step(StepPhase phase, String service) {
        return new JobPlan.StepKey(phase, service);
    }

    private static JobPlan.Next start(JobPlan.StepKey... steps) {
        return new JobPlan.Next.Start(List.of(steps), false);
    }

    private static Map<JobPlan.StepKey, StepStatus> statuses(Object... phaseServiceStatus) {
        Map<JobPlan.StepKey, StepStatus> steps = new HashMap<>();
        for (int i = 0; i < phaseServiceStatus.length; i += 3) {
            steps.put(step((StepPhase) phaseServiceStatus[i], (String) phaseServiceStatus[i + 1]),
                    (StepStatus) phaseServiceStatus[i + 2]);
        }
        return steps;
    }
}
