package com.bakeryia.deletion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a delete did. A result with errors is a failed step; counts may then be partial (the
 * deletion is idempotent, so a retry finishes the job).
 *
 * @param service     the participant
 * @param scope       tenant or user
 * @param subjectId   the tenant or user id
 * @param deleted     rows deleted per table
 * @param anonymised  rows anonymised per table
 * @param retained    rows kept on purpose per table
 * @param errors      what went wrong; empty on success
 * @param startedAt   when the delete began
 * @param completedAt when it ended
 * @param durationMs  how long it took, in milliseconds
 * @param retention   of the rows {@code retained}, those the law keeps, per table: with their basis and
 *                    until when (empty when nothing is kept by law)
 */
public record DeletionResult(
        String service,
        DeletionScope scope,
        UUID subjectId,
        Map<String, Long> deleted,
        Map<String, Long> anonymised,
        Map<String, Long> retained,
        List<String> errors,
        Instant startedAt,
        Instant completedAt,
        long durationMs,
        Map<String, RetainedRows> retention) {

    /** A result of a deletion that keeps nothing by law. */
    public DeletionResult(String service, DeletionScope scope, UUID subjectId, Map<String, Long> deleted,
                          Map<String, Long> anonymised, Map<String, Long> retained, List<String> errors,
                          Instant startedAt, Instant completedAt, long durationMs) {
        this(service, scope, subjectId, deleted, anonymised, retained, errors, startedAt, completedAt, durationMs, Map.of());
    }

    public DeletionResult {
        retention = retention == null ? Map.of() : Map.copyOf(retention);
        deleted = Map.copyOf(deleted);
        anonymised = Map.copyOf(anonymised);
        retained = Map.copyOf(retained);
        errors = List.copyOf(errors);
    }

    public static DeletionResult failure(String service, DeletionSubject subject, String error,
                                         Instant startedAt, Instant completedAt) {
        return new DeletionResult(service, subject.scope(), subject.id(), Map.of(), Map.of(), Map.of(),
                List.of(error), startedAt, completedAt, Duration.between(startedAt, completedAt).toMillis());
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }

    public long totalDeleted() {
        return DeletionPreview.sum(deleted);
    }

    public long totalAnonymised() {
        return DeletionPreview.sum(anonymised);
    }
}
