package com.bakeryia.orchestrator.export;

/**
 * Where an export is: QUEUED (waiting for a worker, or for another after a failed attempt),
 * RUNNING (a worker holds its lease), READY (the archive can be downloaded until it expires),
 * EXPIRED (its link ran out and the file is deleted), FAILED (every attempt failed; the error says
 * why).
 */
public enum ExportStatus { QUEUED, RUNNING, READY, EXPIRED, FAILED }
