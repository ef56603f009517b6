package com.bakeryia.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The saga, read in one place: each job kind's phases in order, and who gets a step in each.
 *
 * <pre>
 * TENANT = DELETE (every data service, in parallel) -> VERIFY (the same) -> SCAN (the same)
 *          -> FINAL (tenant: the tenant record)
 * USER   = PREPARE (tenant: owned tenants, memberships) -> DELETE (every data service and tenant)
 *          -> VERIFY (the same) -> SCAN (the same) -> FINAL (auth: the user record)
 * </pre>
 *
 * In a user job the tenant service deletes and verifies too: its deletion records name who asked,
 * and verification proves no membership survived PREPARE.
 *
 * A phase starts only when every step of the one before succeeded; a phase without services (a
 * job with no data services) is left out. {@link #next} is the one function that decides what a
 * job does next from the statuses of its steps; it has no side effects.
 */
final class JobPlan {

    /** The tenant service: its participant removes the tenant record; it prepares user jobs. */
    static final String TENANT_SERVICE = "tenant";

    /** The auth service: its participant removes the user record. */
    static final String USER_SERVICE = "auth";

    private JobPlan() {
    }

    /** One phase of a job and the services that get a step in it. */
    record Phase(StepPhase phase, List<String> services) {

        Phase {
            services = List.copyOf(services);
        }
    }

    /** The phases of a job of this kind whose DELETE and VERIFY steps run in {@code dataServices}, in order. */
    static List<Phase> phases(JobKind kind, List<String> dataServices) {
        List<Phase> phases = new ArrayList<>();
        if (kind == JobKind.USER) {
            phases.add(new Phase(StepPhase.PREPARE, List.of(TENANT_SERVICE)));
        }
        List<String> sweep = new ArrayList<>(dataServices);
        if (kind == JobKind.USER) {
            sweep.add(TENANT_SERVICE);
        }
        if (!sweep.isEmpty()) {
            phases.add(new Phase(StepPhase.DELETE, sweep));
            phases.add(new Phase(StepPhase.VERIFY, sweep));
            phases.add(new Phase(StepPhase.SCAN, sweep));
        }
        phases.add(new Phase(StepPhase.FINAL, List.of(kind == JobKind.TENANT ? TENANT_SERVICE : USER_SERVICE)));
        return List.copyOf(phases);
    }

    /** What a job does next. */
    sealed interface Next {

        /** A step is still pending or running. */
        record Wait() implements Next {
        }

        /** A step failed for good and nothing is running: the job fails. */
        record Fail() implements Next {
        }

        /** The last phase succeeded: the job is complete. */
        record Complete() implements Next {
        }

        /** Queue the steps of this phase. */
        record Start(Phase phase) implements Next {
        }
    }

    /**
     * What a job does next, given the statuses of the steps it has so far, by phase (empty for a
     * new job, whose first phase then starts).
     */
    static Next next(JobKind kind, List<String> dataServices, Map<StepPhase, Set<StepStatus>> stepStatuses) {
        boolean active = stepStatuses.values().stream()
                .anyMatch(statuses -> statuses.contains(StepStatus.PENDING) || statuses.contains(StepStatus.RUNNING));
        if (active) {
            return new Next.Wait();
        }
        if (stepStatuses.values().stream().anyMatch(statuses -> statuses.contains(StepStatus.FAILED))) {
            return new Next.Fail();
        }
        List<Phase> phases = phases(kind, dataServices);
        Optional<StepPhase> reached = stepStatuses.keySet().stream().max(Enum::compareTo);
        if (reached.isEmpty()) {
            return new Next.Start(phases.get(0));
        }
        return phases.stream().filter(phase -> phase.phase().compareTo(reached.get()) > 0).findFirst()
                .<Next>map(Next.Start::new).orElseGet(Next.Complete::new);
    }
}
