package com.bakeryia.orchestrator.engine;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.SafeDeletion;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.LeasedStep;

/**
 * What one attempt of a step does, by phase. Every phase but PREPARE calls the step's participant
 * through the deletion contract, in this process or over HTTP alike; the FINAL step is the
 * subject's own record ({@code tenant} for a tenant, {@code auth} for a user). Runs on a call
 * thread under the per-service timeout; reports failures as outcomes, never as exceptions it lets
 * escape on purpose.
 */
public class StepAttempt {

    private final ParticipantDirectory participants;
    private final UserJobPreparation userJobPreparation;
    private final Clock clock;

    public StepAttempt(ParticipantDirectory participants, UserJobPreparation userJobPreparation, Clock clock) {
        this.participants = participants;
        this.userJobPreparation = userJobPreparation;
        this.clock = clock;
    }

    AttemptOutcome run(LeasedStep step) {
        DeletionSubject subject = step.kind() == JobKind.TENANT
                ? DeletionSubject.tenant(step.subjectId()) : DeletionSubject.user(step.subjectId());
        return switch (step.phase()) {
            case PREPARE -> userJobPreparation.run(step);
            case DELETE -> delete(participants.participant(step.service()), subject, step.stepId());
            case VERIFY -> verifyAndScan(participants.participant(step.service()), subject, step.stepId(), step.attempt());
            case SCAN -> scan(participants.participant(step.service()), subject);
            case FINAL -> removeRecord(participants.participant(step.service()), subject, step.stepId());
        };
    }

    /**
     * The step's id is the run of every attempt: the counts are what the step deleted altogether,
     * including chunks committed by an attempt that died.
     */
    private AttemptOutcome delete(DeletionParticipant participant, DeletionSubject subject, UUID runId) {
        DeletionResult result = SafeDeletion.delete(participant, subject, runId, clock);
        if (!result.succeeded()) {
            return AttemptOutcome.failed(String.join("; ", result.errors()), true);
        }
        Map<String, Map<String, ?>> counts = new LinkedHashMap<>();
        counts.put("deleted", result.deleted());
        if (!result.anonymised().isEmpty()) {
            counts.put("anonymised", result.anonymised());
        }
        if (!result.retained().isEmpty()) {
            counts.put("retained", result.retained());
        }
        if (!result.retention().isEmpty()) {
            // What the law keeps, for the certificate's retained section: rows, basis, country, retain_until.
            // Stored with the names the certificate states, whatever the mapper's naming.
            Map<String, Map<String, Object>> retention = new java.util.TreeMap<>();
            result.retention().forEach((table, kept) -> {
                Map<String, Object> stated = new LinkedHashMap<>();
                stated.put("rows", kept.rows());
                stated.put("basis", kept.basis());
                stated.put("country", kept.country());
                stated.put("retain_until", kept.retainUntil() == null ? null : kept.retainUntil().toString());
                retention.put(table, stated);
            });
            counts.put("retention", retention);
        }
        return AttemptOutcome.succeeded(counts, result.totalDeleted(), result.totalAnonymised());
    }

    /**
     * Both checks of a service, one after the other: the plan's count must be 0 ({@link #verify}),
     * and then the scan of the live catalog must find 0 ({@link #scan}); for a tenant, a first scan
     * that finds 0 stands for both. A job of the first plan scans again in a SCAN step of its own,
     * which finds the same.
     */
    private AttemptOutcome verifyAndScan(DeletionParticipant participant, DeletionSubject subject, UUID runId, int attempt) {
        if (attempt == 1 && subject.scope() == DeletionScope.TENANT) {
            // Every table of the plan has a tenant_id column, which the scan counts in every table
            // of the catalog: when it finds none, the plan's count is 0 too, and one count was enough.
            AttemptOutcome scanned = scan(participant, subject);
            if (scanned.succeeded()) {
                return scanned;
            }
        }
        AttemptOutcome verified = verify(participant, subject, runId, attempt);
        if (!verified.succeeded()) {
            return verified;
        }
        AttemptOutcome scanned = scan(participant, subject);
        if (!scanned.succeeded()) {
            return scanned;
        }
        Map<String, Map<String, ?>> counts = new LinkedHashMap<>(verified.counts());
        counts.putAll(scanned.counts());
        return AttemptOutcome.succeeded(counts, verified.deleted(), verified.anonymised());
    }

    /**
     * Zero must be left. Rows written late (after the delete, before now) are deleted again and
     * checked once more; rows still there after that fail the step for good, naming the tables,
     * because something keeps writing for a subject that is being deleted. A later attempt deletes
     * (nothing, or what is left) even when nothing is found, to report what an earlier attempt of
     * the step deleted before it died.
     */
    private AttemptOutcome verify(DeletionParticipant participant, DeletionSubject subject, UUID runId, int attempt) {
        DeletionPreview first = participant.preview(subject);
        if (first.remaining() == 0 && attempt == 1) {
            return AttemptOutcome.succeeded(Map.of(), 0, 0);
        }
        AttemptOutcome again = delete(participant, subject, runId);
        if (!again.succeeded()) {
            return again;
        }
        DeletionPreview second = participant.preview(subject);
        if (second.remaining() > 0) {
            return AttemptOutcome.failed("rows remain after deleting again: " + nonZero(second), false);
        }
        Map<String, Map<String, ?>> counts = new LinkedHashMap<>(again.counts());
        // What the law keeps was counted by the DELETE step (the archive's whole holding of the subject).
        counts.remove("retained");
        counts.remove("retention");
        if (first.remaining() > 0) {
            counts.put("found_late", nonZeroCounts(first));
        }
        return AttemptOutcome.succeeded(counts, again.deleted(), again.anonymised());
    }

    /**
     * The independent check: the service's live catalog holds 0 rows of the subject. Rows found
     * there fail the step for good, naming the columns: a table the plan missed (deleting again
     * by the plan would not help).
     */
    private AttemptOutcome scan(DeletionParticipant participant, DeletionSubject subject) {
        DeletionScan scan;
        try {
            scan = participant.scan(subject);
        } catch (UnsupportedOperationException e) {
            return AttemptOutcome.failed(e.getMessage(), false);
        }
        if (scan.rowsFound() > 0) {
            return AttemptOutcome.failed("the catalog scan found rows the deletion plan missed: " + scan.found().entrySet()
                    .stream().sorted(Map.Entry.comparingByKey()).map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(", ")), false);
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("scanned", Map.of("tables", (long) scan.tablesScanned(), "columns", (long) scan.columnsScanned(),
                "rows_found", 0L));
        return AttemptOutcome.succeeded(counts, 0, 0);
    }

    /**
     * The subject's own record, last: the tenant service removes the tenant (subscription,
     * memberships, the tenant row, {@code tenant.deleted}); the auth service the user (refresh
     * tokens, throttle rows, the user row). Then its preview must be zero.
     */
    private AttemptOutcome removeRecord(DeletionParticipant participant, DeletionSubject subject, UUID runId) {
        AttemptOutcome deleted = delete(participant, subject, runId);
        if (!deleted.succeeded()) {
            return deleted;
        }
        DeletionPreview left = participant.preview(subject);
        if (left.remaining() > 0) {
            return AttemptOutcome.failed("rows remain after deleting the record: " + nonZero(left), true);
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
