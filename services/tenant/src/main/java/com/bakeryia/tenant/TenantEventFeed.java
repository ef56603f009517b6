package com.bakeryia.tenant;

import java.util.List;

import com.bakeryia.platform.data.ServiceDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the tenant service's outbox (for example {@code tenant.deleted}) to other services:
 * {@code GET /api/v1/tenants/events?after=<id>} (services only) answers the events after a cursor,
 * oldest first. Consumers keep their own cursor ({@code next_after}), so any number of them can
 * read the same events, and an event is never lost between the change and its announcement.
 */
@Tag(name = "Tenant events", description = "Publishes the tenant service's outbox (for example `tenant.deleted`) to other services: "
        + "`GET /api/v1/tenants/events?after=<id>` (services only) answers the events after a cursor, "
        + "oldest first. Consumers keep their own cursor (`next_after`), so any number of them can "
        + "read the same events, and an event is never lost between the change and its announcement.")
@RestController
class TenantEventFeed {

    private final ServiceDatabase db;
    private final JsonMapper json;

    TenantEventFeed(@Qualifier("tenant") ServiceDatabase db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** One outbox event; {@code payload} is the event body as written with the change. */
    @Schema(name = "TenantEvent")
    record Event(long id, String eventType, java.util.UUID aggregateId, JsonNode payload, java.time.Instant createdAt) {
    }

    /** A page of events and the cursor to ask with next (unchanged when there were none). */
    @Schema(name = "TenantEventPage")
    record Page(List<Event> events, long nextAfter) {
    }

    @Operation(operationId = "listTenantEvents", summary = "Read the tenant service's events after a cursor")
    @GetMapping("/api/v1/tenants/events")
    @PreAuthorize("hasRole('SERVICE')")
    Page events(@RequestParam(name = "after", defaultValue = "0") @Min(0) long after,
                @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<Event> events = db.jdbc().query("select id, event_type, aggregate_id, payload::text as payload, created_at"
                        + " from tenant.outbox_events where id > ? order by id limit ?",
                (row, i) -> new Event(row.getLong("id"), row.getString("event_type"),
                        row.getObject("aggregate_id", java.util.UUID.class), json.readTree(row.getString("payload")),
                        row.getTimestamp("created_at").toInstant()), after, limit);
        return new Page(events, events.isEmpty() ? after : events.get(events.size() - 1).id());
    }
}
