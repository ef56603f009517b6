package com.bakeryia.orchestrator;

/** Where a deletion job stands. PENDING and RUNNING jobs move on by themselves; FAILED waits for a retry. */
public enum JobStatus {
    PENDING, RUNNING, COMPLETED, FAILED
}
