package com.bakeryia.orchestrator.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * The job store's figures for an operator's health strip, read in one statement (one snapshot) at
 * the injected clock's now.
 *
 * @param scheduled            jobs waiting out their grace window now
 * @param pending              jobs created or retried whose steps no worker has taken yet
 * @param running              jobs with a step under way or due
 * @param failed               jobs FAILED now (a step used all its attempts; retried by hand or after
 *                             {@code failed-job-retry-interval})
 * @param oldestFailedAt       when the job that has been FAILED longest failed; absent while none is
 *                             (as every field without a value, the platform's JSON leaves it out)
 * @param oldestFailedJobId    that job (of two failed at the same instant, the lower id); absent while none is
 * @param rowsDeletedLastHour  rows deleted by the steps that succeeded in the hour up to now: a step's
 *                             rows count when it succeeds, once, whatever attempts it took (a step
 *                             that failed for good counts when a retry succeeds); verification's late
 *                             rows included, anonymised rows not
 * @param rowsDeletedPerMinute the same over the last 15 minutes, divided by 15 (two decimals)
 */
public record DeletionJobStats(
        @PositiveOrZero long scheduled,
        @PositiveOrZero long pending,
        @PositiveOrZero long running,
        @PositiveOrZero long failed,
        Instant oldestFailedAt,
        UUID oldestFailedJobId,
        @PositiveOrZero long rowsDeletedLastHour,
        @PositiveOrZero double rowsDeletedPerMinute) {
}
