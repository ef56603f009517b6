package com.bakeryia.orchestrator;

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
        assertThat(JobPlan.phases(JobKind.TENANT, DATA)).containsExactly(
                new JobPlan.Phase(StepPhase.DELETE, DATA),
                new JobPlan.Phase(StepPhase.VERIFY, DATA),
                new JobPlan.Phase(StepPhase.FINAL, List.of("tenant")));
    }

    @Test
    void aUserJobPreparesAtTheTenantServiceSweepsEveryServiceAndRemovesTheUserRecordLast() {
        List<String> sweep = List.of("orders", "pos", "tenant");
        assertThat(JobPlan.phases(JobKind.USER, DATA)).containsExactly(
                new JobPlan.Phase(StepPhase.PREPARE, List.of("tenant")),
                new JobPlan.Phase(StepPhase.DELETE, sweep),
                new JobPlan.Phase(StepPhase.VERIFY, sweep),
                new JobPlan.Phase(StepPhase.FINAL, List.of("auth")));
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
        assertThat(JobPlan.phases(JobKind.TENANT, List.of())).extracting(JobPlan.Phase::phase).containsExactly(StepPhase.FINAL);
        assertThat(JobPlan.next(JobKind.TENANT, List.of(), Map.of()))
                .isEqualTo(new JobPlan.Next.Start(List.of(step(StepPhase.FINAL, "tenant")), true));
        assertThat(JobPlan.phases(JobKind.USER, List.of())).extracting(JobPlan.Phase::phase)
                .as("the tenant service still sweeps a user's traces").containsExactly(StepPhase.PREPARE, StepPhase.DELETE,
                        StepPhase.VERIFY, StepPhase.FINAL);
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
