package com.bakeryia.orchestrator.job;

/** Where one step (one participant in one phase) stands. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED
}
