package com.bakeryia.platform.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outboxes of this process's services as operators watch them (services and OPERATORs only):
 * {@code GET /api/v1/event-outboxes} lists each with its figures, {@code GET
 * /api/v1/event-outboxes/{source}/events?status=DEAD&after=&limit=} its events (the dead letters
 * with {@code status=DEAD}), and {@code POST /api/v1/event-outboxes/{source}/events/{message_id}/replay}
 * puts a dead-lettered event back to be published again, with the same message id. A service in
 * another process answers for its own outbox there.
 */
@Tag(name = "Event outboxes", description = "The outboxes of this process's services as operators watch them "
        + "(services and OPERATORs only): each with its figures, its events (the dead letters with `status=DEAD`), "
        + "and the replay of a dead-lettered event, published again with the same message id. A service in "
        + "another process answers for its own outbox there.")
@RestController
// No @Validated: Spring MVC validates the @Min/@Max parameters itself and answers 400; the AOP
// validator would throw a ConstraintViolationException that reached callers as a 500.
@PreAuthorize("hasAnyRole('SERVICE', 'OPERATOR')")
public class EventOutboxController {

    private final Map<String, EventRelay> relays;

    public EventOutboxController(org.springframework.beans.factory.ObjectProvider<EventRelay> relays) {
        this.relays = relays.orderedStream().collect(Collectors.toMap(relay -> relay.outbox().source(), Function.identity()));
    }

    /** One outbox: whose, whether its relay publishes, and how many events it holds per status. */
    @Schema(name = "EventOutbox")
    public record OutboxSummary(String source, boolean publishing, long pending, long sent, long dead,
                                java.time.Instant oldestPending) {
    }

    /** A page of an outbox's events, oldest first, and the cursor to ask with next. */
    @Schema(name = "OutboxEventPage")
    public record EventPage(List<EventOutbox.StoredEvent> items, long nextAfter) {
    }

    @Operation(operationId = "listEventOutboxes", summary = "List the event outboxes of this process with their figures")
    @GetMapping("/api/v1/event-outboxes")
    public List<OutboxSummary> outboxes() {
        return relays.values().stream().sorted(java.util.Comparator.comparing(relay -> relay.outbox().source()))
                .map(relay -> {
                    Map<String, Object> counts = relay.outbox().counts();
                    java.sql.Timestamp oldest = (java.sql.Timestamp) counts.get("oldest_pending");
                    return new OutboxSummary(relay.outbox().source(), relay.publishing(),
                            ((Number) counts.get("pending")).longValue(), ((Number) counts.get("sent")).longValue(),
                            ((Number) counts.get("dead")).longValue(), oldest == null ? null : oldest.toInstant());
                }).toList();
    }

    @Operation(operationId = "listOutboxEvents", summary = "List an outbox's events, the dead letters with status=DEAD")
    @GetMapping("/api/v1/event-outboxes/{source}/events")
    public EventPage events(@PathVariable String source, @RequestParam(required = false) EventOutbox.Status status,
                            @RequestParam(defaultValue = "0") @Min(0) long after,
                            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<EventOutbox.StoredEvent> items = outbox(source).events(status, after, limit);
        return new EventPage(items, items.isEmpty() ? after : items.get(items.size() - 1).sequence());
    }

    @Operation(operationId = "replayOutboxEvent", summary = "Publish a dead-lettered event again, with the same message id")
    @PostMapping("/api/v1/event-outboxes/{source}/events/{message_id}/replay")
    public EventOutbox.StoredEvent replay(@PathVariable String source, @PathVariable("message_id") UUID messageId) {
        EventOutbox outbox = outbox(source);
        if (!outbox.replay(messageId)) {
            EventOutbox.StoredEvent event = outbox.find(messageId).orElseThrow(() ->
                    ApiProblem.notFound("The " + source + " outbox holds no event " + messageId + "."));
            throw ApiProblem.conflict("Event " + messageId + " is " + event.status() + ", not DEAD: only a"
                    + " dead-lettered event is replayed.");
        }
        return outbox.find(messageId).orElseThrow();
    }

    private EventOutbox outbox(String source) {
        EventRelay relay = relays.get(source);
        if (relay == null) {
            throw ApiProblem.notFound("No event outbox " + source + " in this process (its outboxes: "
                    + String.join(", ", relays.keySet().stream().sorted().toList()) + ").");
        }
        return relay.outbox();
    }
}
