package com.bakeryia.orchestrator.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The saga, read in one place: each job kind's phases in order, and who gets a step in each.
 *
 * <pre>
 * TENANT = DELETE -> VERIFY   (in every data service, each service on its own)
 *          -> FINAL (tenant: the tenant record)
 * USER   = PREPARE (tenant: owned tenants, memberships)
 *          -> DELETE -> VERIFY   (in every data service and tenant, each on its own)
 *          -> FINAL (auth: the user record)
 * </pre>
 *
 * VERIFY is both checks of a service: its plan's preview must be 0 (late rows deleted again), and
 * then the scan of its live catalog must find 0 rows of the subject. Jobs created before the two
 * were one step ({@link #FIRST_PLAN}) check in two, VERIFY then SCAN, and keep doing so.
 *
 * In a user job the tenant service deletes and verifies too: its deletion records name who asked,
 * and verification proves no membership survived PREPARE.
 *
 * PREPARE and FINAL are barriers: PREPARE succeeds before any service deletes, and FINAL starts
 * only when every service's sweep succeeded. Between them each service's sweep (DELETE, then
 * VERIFY) moves on as soon as its own step before succeeded, not when the slowest service's did:
 * what VERIFY checks is that one service's data, so a service that is done deleting verifies while
 * a larger one still deletes, and no service waits at a phase boundary for all the others. A job
 * with no data services goes from its first barrier to FINAL. {@link #next} is the one function
 * that decides what a job does next from the statuses of its steps; it has no side effects.
 */
public final class JobPlan {

    /** The tenant service: its participant removes the tenant record; it prepares user jobs. */
    public static final String TENANT_SERVICE = "tenant";

    /** The auth service: its participant removes the user record. */
    public static final String USER_SERVICE = "auth";

    /** The plan of jobs created before VERIFY scanned the catalog itself: a SCAN step follows each VERIFY. */
    static final int FIRST_PLAN = 1;

    /** The plan of jobs created now. */
    static final int CURRENT_PLAN = 2;

    /** What every swept service goes through, in order, one step each. */
    static final List<StepPhase> SWEEP = List.of(StepPhase.DELETE, StepPhase.VERIFY);

    /** The sweep of a job created with {@link #FIRST_PLAN}. */
    static final List<StepPhase> FIRST_PLAN_SWEEP = List.of(StepPhase.DELETE, StepPhase.VERIFY, StepPhase.SCAN);

    private JobPlan() {
    }

    /** One step of a job: a phase in a service. */
    public record StepKey(StepPhase phase, String service) {
    }

    /** What a job does next. */
    public sealed interface Next {

        /** A step is still pending or running, and nothing new is due. */
        record Wait() implements Next {
        }

        /** A step failed for good and nothing is running: the job fails. */
        record Fail() implements Next {
        }

        /** The last phase succeeded: the job is complete. */
        record Complete() implements Next {
        }

        /**
         * Queue these steps (one service's next sweep step each, or a barrier's step).
         *
         * @param completesSweep true when these are the FINAL step, queued because every service's
         *                       sweep has just been found complete
         */
        record Start(List<StepKey> steps, boolean completesSweep) implements Next {

            public Start {
                steps = List.copyOf(steps);
            }
        }
    }

    /**
     * What a job does next, given the status of every step it has so far (none for a new job,
     * whose first phase then starts). A service whose sweep step failed for good stops there while
     * the other services go on; the job fails once nothing is running or due, and a retry puts the
     * failed steps back to work, from where their sweeps go on.
     */
    public static Next next(JobKind kind, List<String> dataServices, Map<StepKey, StepStatus> steps) {
        return next(kind, dataServices, CURRENT_PLAN, steps);
    }

    /** As {@link #next(JobKind, List, Map)}, for a job created with the given plan. */
    public static Next next(JobKind kind, List<String> dataServices, int plan, Map<StepKey, StepStatus> steps) {
        List<StepPhase> sweep = plan == FIRST_PLAN ? FIRST_PLAN_SWEEP : SWEEP;
        boolean active = steps.containsValue(StepStatus.PENDING) || steps.containsValue(StepStatus.RUNNING);
        boolean failed = steps.containsValue(StepStatus.FAILED);
        if (kind == JobKind.USER) {
            StepKey prepare = new StepKey(StepPhase.PREPARE, TENANT_SERVICE);
            StepStatus prepared = steps.get(prepare);
            if (prepared == null) {
                return new Next.Start(List.of(prepare), false);
            }
            if (prepared != StepStatus.SUCCEEDED) {
                return waitOrFail(active, failed);
            }
        }
        List<StepKey> due = new ArrayList<>();
        for (String service : swept(kind, dataServices)) {
            for (StepPhase phase : sweep) {
                StepKey step = new StepKey(phase, service);
                StepStatus status = steps.get(step);
                if (status == StepStatus.SUCCEEDED) {
                    continue;
                }
                if (status == null) {
                    due.add(step);
                }
                break;
            }
        }
        if (!due.isEmpty()) {
            return new Next.Start(due, false);
        }
        if (active || failed) {
            return waitOrFail(active, failed);
        }
        StepKey last = new StepKey(StepPhase.FINAL, finalService(kind));
        StepStatus record = steps.get(last);
        if (record == null) {
            return new Next.Start(List.of(last), true);
        }
        return record == StepStatus.SUCCEEDED ? new Next.Complete() : waitOrFail(active, failed);
    }

    private static Next waitOrFail(boolean active, boolean failed) {
        return !active && failed ? new Next.Fail() : new Next.Wait();
    }

    /** The services a job of this kind sweeps: the data services, and for a user job the tenant service. */
    private static List<String> swept(JobKind kind, List<String> dataServices) {
        List<String> swept = new ArrayList<>(dataServices);
        if (kind == JobKind.USER) {
            swept.add(TENANT_SERVICE);
        }
        return swept;
    }

    private static String finalService(JobKind kind) {
        return kind == JobKind.TENANT ? TENANT_SERVICE : USER_SERVICE;
    }
}
