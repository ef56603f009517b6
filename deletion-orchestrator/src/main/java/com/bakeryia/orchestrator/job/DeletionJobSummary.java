package com.bakeryia.orchestrator.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A deletion job as callers see it: ids, status, totals, times, errors, and one result per step.
 * Holds no personal data.
 *
 * @param jobId                the job
 * @param kind                 tenant or user
 * @param subjectId            the tenant (or user) being deleted
 * @param status               SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param scheduledFor         when a job with a grace window starts deleting (absent without one)
 * @param initiatedBy          the user who asked, when a user asked
 * @param initiatingService    the service client that asked, when a service asked
 * @param createdAt            when the job was created
 * @param startedAt            when its first step was claimed
 * @param completedAt          when it completed or failed
 * @param durationMs           from creation to completion (or to now while it runs), in milliseconds
 * @param duration             the same as an ISO-8601 duration, for people
 * @param totalItemsDeleted    rows deleted by every step, verification's late rows included
 * @param totalItemsAnonymised rows anonymised by every step
 * @param servicesCompleted    participants whose every step succeeded
 * @param servicesFailed       participants with a failed step
 * @param errors               the last error of every failed step, naming the service
 * @param failedStep           the step that failed, first in plan order when several did (absent while none has)
 * @param serviceResults       every step: participant, phase, status, attempts, counts, errors; absent
 *                             in a list of jobs, whose pages stay small (the job's own endpoint has them)
 */
@Schema(name = "DeletionJob")
public record DeletionJobSummary(
        UUID jobId,
        JobKind kind,
        UUID subjectId,
        JobStatus status,
        Instant scheduledFor,
        UUID initiatedBy,
        String initiatingService,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        long durationMs,
        String duration,
        long totalItemsDeleted,
        long totalItemsAnonymised,
        int servicesCompleted,
        int servicesFailed,
        List<String> errors,
        FailedStep failedStep,
        List<StepResult> serviceResults) {

    /** Whether the job will still move on without an operator (PENDING or RUNNING). */
    public boolean inProgress() {
        return status == JobStatus.PENDING || status == JobStatus.RUNNING;
    }

    /** The job as a list shows it: the same, without the per-step results. */
    DeletionJobSummary withoutSteps() {
        return new DeletionJobSummary(jobId, kind, subjectId, status, scheduledFor, initiatedBy, initiatingService,
                createdAt, startedAt, completedAt, durationMs, duration, totalItemsDeleted, totalItemsAnonymised,
                servicesCompleted, servicesFailed, errors, failedStep, null);
    }

    /** What a tenant's OWNER or ADMIN, or a person, reads in place of an error's text. */
    public static final String DETAIL_FOR_OPERATORS = "failed; the detail is kept for operators";

    /**
     * The job as a caller who is neither a service nor an operator reads it: which step failed and
     * when, but no error text and no worker name. Error texts come from anywhere (an exception's
     * message, a participant's answer) and may name another person (a tenant's chosen new owner) or
     * an internal address ({@code I/O error on GET request for "http://10.0.0.7/..."}); operators
     * and the log keep them.
     */
    public DeletionJobSummary withoutErrorDetail() {
        List<String> plainErrors = errors == null ? null : errors.stream().map(DeletionJobSummary::withoutDetail).toList();
        FailedStep plainFailedStep = failedStep == null ? null
                : new FailedStep(failedStep.service(), failedStep.phase(), failedStep.lastError() == null ? null : DETAIL_FOR_OPERATORS);
        List<StepResult> plainSteps = serviceResults == null ? null : serviceResults.stream().map(step -> new StepResult(
                step.service(), step.phase(), step.status(), step.attempts(), step.attemptLimit(), step.nextAttemptAt(),
                step.itemsDeleted(), step.itemsAnonymised(), step.counts(),
                step.lastError() == null ? null : DETAIL_FOR_OPERATORS, step.startedAt(), step.completedAt(),
                step.attemptHistory() == null ? null : step.attemptHistory().stream().map(attempt -> new Attempt(
                        attempt.attempt(), null, attempt.startedAt(), attempt.durationMs(), attempt.outcome(),
                        attempt.error() == null ? null : DETAIL_FOR_OPERATORS)).toList())).toList();
        return new DeletionJobSummary(jobId, kind, subjectId, status, scheduledFor, initiatedBy, initiatingService,
                createdAt, startedAt, completedAt, durationMs, duration, totalItemsDeleted, totalItemsAnonymised,
                servicesCompleted, servicesFailed, plainErrors, plainFailedStep, plainSteps);
    }

    /** {@code "oven delete: <text>"} as {@code "oven delete: failed; ..."}: the step named, its error's text left out. */
    private static String withoutDetail(String error) {
        int colon = error.indexOf(": ");
        return (colon < 0 ? "" : error.substring(0, colon) + ": ") + DETAIL_FOR_OPERATORS;
    }

    static String isoDuration(long millis) {
        return Duration.ofMillis(millis).toString();
    }

    /**
     * The step that made a job FAILED (or is failed in it): what an operator looks at first.
     *
     * @param service   the participant
     * @param phase     the phase it failed in
     * @param lastError the error of its last attempt
     */
    public record FailedStep(String service, StepPhase phase, String lastError) {
    }

    /**
     * One step of a job.
     *
     * @param service          the participant (or {@code tenant} for the final step)
     * @param phase            DELETE, VERIFY or FINAL
     * @param status           PENDING, RUNNING, SUCCEEDED, FAILED, or CANCELLED (its job was cancelled before it ran)
     * @param attempts         attempts made so far
     * @param attemptLimit     attempts allowed before the step fails
     * @param nextAttemptAt    when a pending step is due (absent otherwise)
     * @param itemsDeleted     rows this step deleted
     * @param itemsAnonymised  rows this step anonymised
     * @param counts           per-table counts of the successful attempt: {@code deleted},
     *                         {@code anonymised}, and for verification {@code found_late}
     * @param lastError        the error of the latest failed attempt
     * @param startedAt        when the step was first claimed
     * @param completedAt      when it last succeeded or failed for good
     * @param attemptHistory   every attempt with its time, duration, outcome and error
     */
    public record StepResult(
            String service,
            StepPhase phase,
            StepStatus status,
            int attempts,
            int attemptLimit,
            Instant nextAttemptAt,
            long itemsDeleted,
            long itemsAnonymised,
            Map<String, Map<String, Long>> counts,
            String lastError,
            Instant startedAt,
            Instant completedAt,
            List<Attempt> attemptHistory) {
    }

    /**
     * One attempt of a step.
     *
     * @param attempt    1-based number
     * @param worker     the worker that ran it
     * @param startedAt  when it began
     * @param durationMs how long it took; absent while running
     * @param outcome    SUCCEEDED, FAILED, TIMED_OUT or ABANDONED (its worker died); absent while running
     * @param error      what went wrong
     */
    @Schema(name = "StepAttempt")
    public record Attempt(int attempt, String worker, Instant startedAt, Long durationMs, String outcome, String error) {
    }
}
