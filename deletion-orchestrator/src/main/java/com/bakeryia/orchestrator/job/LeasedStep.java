package com.bakeryia.orchestrator.job;

import java.util.UUID;

/**
 * A step reserved by one worker until its lease expires.
 *
 * @param attempt the number of the attempt this lease started
 * @param version the fencing token: every later write of the holder names it
 * @param owner   the worker holding the lease
 */
public record LeasedStep(UUID stepId, UUID jobId, JobKind kind, UUID subjectId, String service, StepPhase phase,
                  int attempt, int attemptLimit, long version, String owner) {
}
