package com.bakeryia.orchestrator.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.platform.events.EventOutbox;

/**
 * Turns the audit trail's entries into deletion events in the orchestrator's outbox, in the
 * transaction that appends them: an action and its event commit together. The event type is the
 * routing key on the exchange. Payloads carry ids, kinds and times, never a name or an address:
 *
 * <pre>
 * {"id": message id, "type": "tenant.deletion.completed", "job_id", "subject_kind": "TENANT" | "USER",
 *  "subject_id", "occurred_at", and per type: "scheduled_for" (scheduled), "window_skipped" (started),
 *  "certificate_url" (completed: GET it with the job's reader's token; application/jose or JSON)}
 * </pre>
 *
 * A later kind of subject (a customer, a retention purge) adds its types here.
 */
public final class DeletionEvents implements DeletionAudit.Announcer {

    /** The path of a completed job's certificate, relative to the orchestrator's base URL. */
    static final String CERTIFICATE_PATH = "/api/v1/deletion-jobs/%s/certificate";

    private final EventOutbox outbox;

    public DeletionEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** The event type an audited action of a job kind announces, or null when it announces none. */
    public static String typeOf(DeletionAudit.Action action, JobKind kind) {
        if (kind == null) {
            return null;
        }
        String prefix = kind == JobKind.TENANT ? "tenant.deletion." : "user.erasure.";
        return switch (action) {
            case SCHEDULED -> prefix + "scheduled";
            case STARTED -> prefix + "started";
            case COMPLETED -> prefix + "completed";
            case RESTORED, CANCELLED -> kind == JobKind.TENANT ? "tenant.deletion.restored" : "user.erasure.cancelled";
            default -> null;
        };
    }

    @Override
    public void announce(List<DeletionAudit.Pending> entries) {
        List<EventOutbox.NewEvent> events = new ArrayList<>();
        for (DeletionAudit.Pending entry : entries) {
            String type = typeOf(entry.action(), entry.kind());
            if (type == null || entry.subjectId() == null) {
                continue;
            }
            UUID messageId = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", messageId.toString());
            payload.put("type", type);
            payload.put("job_id", entry.jobId().toString());
            payload.put("subject_kind", entry.kind().name());
            payload.put("subject_id", entry.subjectId().toString());
            payload.put("occurred_at", entry.at().toString());
            switch (entry.action()) {
                case SCHEDULED -> payload.put("scheduled_for", entry.details().get("scheduled_for"));
                case STARTED -> payload.put("window_skipped", entry.details().get("window_skipped"));
                case COMPLETED -> payload.put("certificate_url", CERTIFICATE_PATH.formatted(entry.jobId()));
                default -> { }
            }
            events.add(new EventOutbox.NewEvent(messageId, type, entry.subjectId(), payload, entry.at()));
        }
        outbox.appendAll(events);
    }
}
