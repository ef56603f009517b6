package com.bakeryia.deletion;

/**
 * A service that owns tenant- or user-scoped data. Implementations are Spring beans (in-process)
 * or {@link RemoteDeletionParticipant}s (over HTTP); the orchestrator treats both alike.
 *
 * <p>Contract: {@link #delete} is idempotent (a second call deletes 0 rows and succeeds), touches
 * only the subject's rows, and after it succeeds {@link #preview} of the same subject reports 0.
 */
public interface DeletionParticipant {

    /** The service name, for example {@code orders}. */
    String service();

    /** Counts per table of what {@link #delete} would remove or anonymise; changes nothing. */
    DeletionPreview preview(DeletionSubject subject);

    /** Removes (or anonymises) the subject's data and reports what it did. */
    DeletionResult delete(DeletionSubject subject);
}
