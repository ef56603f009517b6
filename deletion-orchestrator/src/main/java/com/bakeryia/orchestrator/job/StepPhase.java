package com.bakeryia.orchestrator.job;

/**
 * The phases of a job, in this order ({@link JobPlan}): PREPARE and FINAL wait for every step before
 * them; each service goes through DELETE and VERIFY on its own.
 */
public enum StepPhase {
    /**
     * User jobs only, before DELETE: the tenants the user owns are handed over or deleted, then
     * the user's memberships are removed.
     */
    PREPARE,
    /** Each participant deletes the subject's data. */
    DELETE,
    /**
     * Each participant's preview must be zero (late rows are deleted again first), and then a scan
     * of its service's live catalog, not its plan, must find no row of the subject: no table with a
     * {@code tenant_id} holds a row of the deleted tenant, no uuid or person column names the erased
     * user. A table the plans missed fails the job, naming it.
     */
    VERIFY,
    /** The scan alone, in its own step after VERIFY: jobs created before VERIFY scanned ({@link JobPlan#FIRST_PLAN}). */
    SCAN,
    /** The subject's own record goes last: it is the index of what still exists. */
    FINAL
}
