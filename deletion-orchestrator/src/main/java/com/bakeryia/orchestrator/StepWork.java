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
    private UserJobPreparation userJobPreparation;

    StepWork(ParticipantDirectory participants, ObjectProvider<TenantRecordRemoval> tenantRecordRemoval, Clock clock) {
        this.participants = participants;
        this.tenantRecordRemoval = tenantRecordRemoval;
        this.clock = clock;
    }

    /** Enables user jobs: their PREPARE step (owned tenants, memberships). */
    StepWork withUserJobs(UserJobPreparation preparation) {
        this.userJobPreparation = preparation;
        return this;
    }

    /** A step attempt's result before timing is attached. */
    record Done(boolean succeeded, boolean retryable, Map<String, Map<String, Long>> counts, long deleted,
                long anonymised, String error, boolean waiting) {

        static Done success(Map<String, Map<String, Long>> counts, long deleted, long anonymised) {
            return new Done(true, false, counts, deleted, anonymised, null, false);
        }

        static Done failure(String error, boolean retryable) {
            return new Done(false, retryable, Map.of(), 0, 0, error, false);
        }

        /** Not failed: the step waits for something else (a tenant job) and runs again later without using an attempt. */
        static Done waiting(String reason) {
            return new Done(false, true, Map.of(), 0, 0, reason, true);
        }
    }

    Done run(DeletionJobStore.ClaimedStep step) {
        DeletionSubject subject = step.kind() == JobKind.TENANT
                ? DeletionSubject.tenant(step.subjectId()) : DeletionSubject.user(step.subjectId());
        return switch (step.phase()) {
            case PREPARE -> userJobPreparation == null
                    ? Done.failure("user jobs are not enabled in this process", false) : userJobPreparation.run(step);
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
        if (step.kind() == JobKind.USER) {
            return removeUser(step);
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

    /**
     * The last step of a user job: the {@code auth} participant revokes the user's refresh tokens
     * and deletes the user record, then must preview zero. Last because the user record is what
     * lets the user (and the job) be found while anything else is still being deleted.
     */
    private Done removeUser(DeletionJobStore.ClaimedStep step) {
        DeletionParticipant auth = participants.participant(step.service());
        DeletionSubject subject = DeletionSubject.user(step.subjectId());
        Done deleted = delete(auth, subject);
        if (!deleted.succeeded()) {
            return deleted;
        }
        DeletionPreview left = auth.preview(subject);
        if (left.remaining() > 0) {
            return Done.failure("rows remain after deleting the user: " + nonZero(left), true);
        }
        return deleted;
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
