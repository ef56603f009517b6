package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.SafeDeletion;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What one attempt of a step does, per phase. Runs on a call thread under the per-service
 * timeout; reports failures as outcomes, never as exceptions it lets escape on purpose.
 */
class StepWork {

    private final ParticipantDirectory participants;
    private final ObjectProvider<TenantRecordRemoval> tenantRecordRemoval;
    private final Clock clock;

    StepWork(ParticipantDirectory participants, ObjectProvider<TenantRecordRemoval> tenantRecordRemoval, Clock clock) {
        this.participants = participants;
        this.tenantRecordRemoval = tenantRecordRemoval;
        this.clock = clock;
    }

    /** A step attempt's result before timing is attached. */
    record Done(boolean succeeded, boolean retryable, Map<String, Map<String, Long>> counts, long deleted,
                long anonymised, String error) {

        static Done success(Map<String, Map<String, Long>> counts, long deleted, long anonymised) {
            return new Done(true, false, counts, deleted, anonymised, null);
        }

        static Done failure(String error, boolean retryable) {
            return new Done(false, retryable, Map.of(), 0, 0, error);
        }
    }

    Done run(DeletionJobStore.ClaimedStep step) {
        DeletionSubject subject = step.kind() == JobKind.TENANT
                ? DeletionSubject.tenant(step.subjectId()) : DeletionSubject.user(step.subjectId());
        return switch (step.phase()) {
            case DELETE -> delete(participants.participant(step.service()), subject);
            case VERIFY -> verify(participants.participant(step.service()), subject);
            case FINAL -> removeRecord(step);
        };
    }

    private Done delete(DeletionParticipant participant, DeletionSubject subject) {
        DeletionResult result = SafeDeletion.delete(participant, subject, clock);
        if (!result.succeeded()) {
            return Done.failure(String.join("; ", result.errors()), true);
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("deleted", result.deleted());
        if (!result.anonymised().isEmpty()) {
            counts.put("anonymised", result.anonymised());
        }
        return Done.success(counts, result.totalDeleted(), result.totalAnonymised());
    }

    /**
     * Zero must be left. Rows written late (after the delete, before now) are deleted again and
     * checked once more; rows still there after that fail the step for good, naming the tables,
     * because something keeps writing for a subject that is being deleted.
     */
    private Done verify(DeletionParticipant participant, DeletionSubject subject) {
        DeletionPreview first = participant.preview(subject);
        if (first.remaining() == 0) {
            return Done.success(Map.of(), 0, 0);
        }
        Done again = delete(participant, subject);
        if (!again.succeeded()) {
            return again;
        }
        DeletionPreview second = participant.preview(subject);
        if (second.remaining() > 0) {
            return Done.failure("rows remain after deleting again: " + nonZero(second), false);
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>(again.counts());
        counts.put("found_late", nonZeroCounts(first));
        return Done.success(counts, again.deleted(), again.anonymised());
    }

    private Done removeRecord(DeletionJobStore.ClaimedStep step) {
        if (step.kind() != JobKind.TENANT) {
            return Done.failure("no final step is defined for " + step.kind() + " jobs", false);
        }
        TenantRecordRemoval removal = tenantRecordRemoval.getIfAvailable(
                () -> new TenantParticipantRecordRemoval(participants, clock));
        Map<String, Long> removed = removal.removeTenantRecord(step.subjectId());
        if (removed == null || removed.isEmpty()) {
            return Done.success(Map.of(), 0, 0);
        }
        return Done.success(Map.of("deleted", new LinkedHashMap<>(removed)),
                removed.values().stream().mapToLong(Long::longValue).sum(), 0);
    }

    private static Map<String, Long> nonZeroCounts(DeletionPreview preview) {
        Map<String, Long> counts = new LinkedHashMap<>();
        preview.toDelete().forEach((table, n) -> { if (n > 0) counts.merge(table, n, Long::sum); });
        preview.toAnonymise().forEach((table, n) -> { if (n > 0) counts.merge(table, n, Long::sum); });
        return counts;
    }

    private static String nonZero(DeletionPreview preview) {
        return nonZeroCounts(preview).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
    }
}
