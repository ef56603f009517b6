package com.bakeryia.deletion;

import java.util.UUID;

/**
 * A service that owns tenant- or user-scoped data. Implementations are Spring beans (in-process)
 * or {@link RemoteDeletionParticipant}s (over HTTP); the orchestrator treats both alike.
 *
 * <p>Contract: {@link #delete} is idempotent (a second call deletes 0 rows and succeeds), touches
 * only the subject's rows, and after it succeeds {@link #preview} of the same subject reports 0.
 *
 * <p>Counts are exact per run: every call with the same {@code runId} reports everything deleted
 * and anonymised under that run so far, including what an earlier call of the run committed before
 * it died (a crash, a timeout, a lost lease). A participant achieves that by recording its counts
 * in the same transactions as the changes they count. The orchestrator passes one run id per step,
 * the same for every attempt of it, so a step's counts are what the step did, whatever happened to
 * its attempts.
 */
public interface DeletionParticipant {

    /** The service name, for example {@code orders}. */
    String service();

    /** Counts per table of what {@link #delete} would remove or anonymise; changes nothing. */
    DeletionPreview preview(DeletionSubject subject);

    /**
     * Removes (or anonymises) the subject's data and reports what was done under {@code runId}
     * altogether, by this call and by every earlier call with the same run id.
     */
    DeletionResult delete(DeletionSubject subject, UUID runId);

    /**
     * Scans the live catalog of the service's database for rows that still name the subject,
     * whatever the deletion plan says: the independent check run after verification. A participant
     * without a database of its own to scan answers with an exception (the step then fails).
     */
    default DeletionScan scan(DeletionSubject subject) {
        throw new UnsupportedOperationException(service() + " cannot scan its catalog for " + subject);
    }

    /**
     * A page of the records the law keeps of a deleted tenant in this service's archive, those with
     * {@code seq} greater than {@code after}, oldest first; changes nothing. Only the platform's
     * records officer reads them, through the orchestrator, which records every read in the audit
     * trail. A participant that keeps nothing answers an empty page.
     */
    default RetainedRecordPage retainedRecords(UUID tenantId, long after, int limit) {
        return new RetainedRecordPage(java.util.List.of(), null);
    }

    /**
     * Deletes one chunk, at most {@code limit}, of the kept records in this service's archive whose
     * {@code retain_until} has passed by the database's date, and answers what it deleted per
     * {@code schema.table} the records came from; an empty answer means nothing has expired. Each
     * record is deleted, and counted, by exactly one call, whoever else purges at the same time. A
     * participant that keeps nothing (or cannot purge from here) answers an empty map.
     */
    default java.util.Map<String, PurgedRows> purgeExpiredRetained(int limit) {
        return java.util.Map.of();
    }

    /** A delete that is a run of its own: it reports what this call did. */
    default DeletionResult delete(DeletionSubject subject) {
        return delete(subject, UUID.randomUUID());
    }
}
