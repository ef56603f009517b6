package com.bakeryia.orchestrator.job;

/** Whose data a job deletes. Only tenant jobs are started so far; user jobs share the store. */
public enum JobKind {
    TENANT, USER
}
