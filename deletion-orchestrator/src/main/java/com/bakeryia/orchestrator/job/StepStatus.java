package com.bakeryia.orchestrator.job;

/**
 * Where one step (one participant in one phase) stands. CANCELLED: its job was cancelled (restored
 * within its grace window) before the step ran; final, and never claimed.
 */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED
}
