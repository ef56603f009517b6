package com.bakeryia.orchestrator.job;

/**
 * Where a deletion job stands. SCHEDULED waits out its grace window (nothing is deleted; a restore
 * cancels it); PENDING and RUNNING move on by themselves; FAILED waits for a retry; COMPLETED and
 * CANCELLED are final.
 */
public enum JobStatus {
    SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, CANCELLED
}
