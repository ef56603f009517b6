package com.bakeryia.orchestrator;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The saga as a plan: which phase comes next, decided from step statuses alone. No Spring, no database. */
class JobPlanTest {

    private static final List<String> DATA = List.of("orders", "pos");

    @Test
    void aTenantJobDeletesInEveryDataServiceThenVerifiesThenRemovesTheTenantRecord() {
        assertThat(JobPlan.phases(JobKind.TENANT, DATA)).containsExactly(
                new JobPlan.Phase(StepPhase.DELETE, DATA),
                new JobPlan.Phase(StepPhase.VERIFY, DATA),
                new JobPlan.Phase(StepPhase.SCAN, DATA),
                new JobPlan.Phase(StepPhase.FINAL, List.of("tenant")));
    }

    @Test
    void aUserJobPreparesAtTheTenantServiceSweepsEveryServiceAndRemovesTheUserRecordLast() {
        List<String> sweep = List.of("orders", "pos", "tenant");
        assertThat(JobPlan.phases(JobKind.USER, DATA)).containsExactly(
                new JobPlan.Phase(StepPhase.PREPARE, List.of("tenant")),
                new JobPlan.Phase(StepPhase.DELETE, sweep),
                new JobPlan.Phase(StepPhase.VERIFY, sweep),
                new JobPlan.Phase(StepPhase.SCAN, sweep),
                new JobPlan.Phase(StepPhase.FINAL, List.of("auth")));
    }

    @Test
    void aNewJobStartsWithItsFirstPhase() {
        assertThat(JobPlan.next(JobKind.TENANT, DATA, Map.of()))
                .isEqualTo(new JobPlan.Next.Start(new JobPlan.Phase(StepPhase.DELETE, DATA)));
        assertThat(JobPlan.next(JobKind.USER, DATA, Map.of()))
                .isEqualTo(new JobPlan.Next.Start(new JobPlan.Phase(StepPhase.PREPARE, List.of("tenant"))));
    }

    @Test
    void theNextPhaseStartsOnlyWhenEveryStepOfThisOneSucceeded() {
        assertThat(JobPlan.next(JobKind.TENANT, DATA, statuses(StepPhase.DELETE, StepStatus.SUCCEEDED, StepStatus.RUNNING)))
                .isInstanceOf(JobPlan.Next.Wait.class);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, statuses(StepPhase.DELETE, StepStatus.SUCCEEDED, StepStatus.PENDING)))
                .isInstanceOf(JobPlan.Next.Wait.class);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, statuses(StepPhase.DELETE, StepStatus.SUCCEEDED)))
                .isEqualTo(new JobPlan.Next.Start(new JobPlan.Phase(StepPhase.VERIFY, DATA)));
        assertThat(JobPlan.next(JobKind.USER, DATA, statuses(StepPhase.PREPARE, StepStatus.SUCCEEDED)))
                .isEqualTo(new JobPlan.Next.Start(new JobPlan.Phase(StepPhase.DELETE, List.of("orders", "pos", "tenant"))));
    }

    @Test
    void aFailedStepFailsTheJobOnceNothingElseRuns() {
        assertThat(JobPlan.next(JobKind.TENANT, DATA, statuses(StepPhase.DELETE, StepStatus.FAILED, StepStatus.RUNNING)))
                .as("a running sibling still finishes first").isInstanceOf(JobPlan.Next.Wait.class);
        assertThat(JobPlan.next(JobKind.TENANT, DATA, statuses(StepPhase.DELETE, StepStatus.FAILED, StepStatus.SUCCEEDED)))
                .isInstanceOf(JobPlan.Next.Fail.class);
    }

    @Test
    void theJobCompletesWhenItsFinalStepSucceeded() {
        Map<StepPhase, Set<StepStatus>> done = new EnumMap<>(StepPhase.class);
        done.putAll(statuses(StepPhase.DELETE, StepStatus.SUCCEEDED));
        done.putAll(statuses(StepPhase.VERIFY, StepStatus.SUCCEEDED));
        assertThat(JobPlan.next(JobKind.TENANT, DATA, done))
                .isEqualTo(new JobPlan.Next.Start(new JobPlan.Phase(StepPhase.SCAN, DATA)));
        done.putAll(statuses(StepPhase.SCAN, StepStatus.SUCCEEDED));
        assertThat(JobPlan.next(JobKind.TENANT, DATA, done))
                .isEqualTo(new JobPlan.Next.Start(new JobPlan.Phase(StepPhase.FINAL, List.of("tenant"))));

        done.putAll(statuses(StepPhase.FINAL, StepStatus.SUCCEEDED));
        assertThat(JobPlan.next(JobKind.TENANT, DATA, done)).isInstanceOf(JobPlan.Next.Complete.class);
    }

    @Test
    void withoutDataServicesAJobGoesStraightToItsRecord() {
        assertThat(JobPlan.phases(JobKind.TENANT, List.of())).extracting(JobPlan.Phase::phase).containsExactly(StepPhase.FINAL);
        assertThat(JobPlan.phases(JobKind.USER, List.of())).extracting(JobPlan.Phase::phase)
                .as("the tenant service still sweeps a user's traces").containsExactly(StepPhase.PREPARE, StepPhase.DELETE,
                        StepPhase.VERIFY, StepPhase.SCAN, StepPhase.FINAL);
    }

    private static Map<StepPhase, Set<StepStatus>> statuses(StepPhase phase, StepStatus... statuses) {
        Map<StepPhase, Set<StepStatus>> byPhase = new EnumMap<>(StepPhase.class);
        byPhase.put(phase, EnumSet.of(statuses[0], statuses));
        return byPhase;
    }
}
