package com.bakeryia.tenant;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
 * {@code GET /api/v1/tenants/events?after=<cursor>} (services only) answers the events after a
 * cursor, in the order the feed serves them. Consumers keep their own cursor ({@code next_after}),
 * so any number of them can read the same events.
 *
 * <p>Nothing is skipped under concurrent writers: ids are drawn when a row is inserted, not when it
 * commits, so a cursor of ids could pass an event still in flight. Each row carries the id of the
 * transaction that wrote it ({@code xact_id}); the feed serves only rows of transactions older than
 * every transaction still running ({@code pg_snapshot_xmin(pg_current_snapshot())}), in
 * {@code (xact_id, id)} order, and the cursor is that pair. A transaction that commits later has an
 * id at or above that bound, so its rows come after every cursor handed out before. The price: a
 * long transaction anywhere in the database holds back what the feed shows until it ends.
 */
@Tag(name = "Tenant events", description = "Publishes the tenant service's outbox (for example `tenant.deleted`) to other services: "
        + "`GET /api/v1/tenants/events?after=<cursor>` (services only) answers the events after a cursor. "
        + "Consumers keep their own cursor (`next_after`, opaque), so any number of them can read the same "
        + "events. No event is skipped under concurrent writers: the feed serves only events of transactions "
        + "older than every one still running, in the order of their transaction, so a cursor never passes an "
        + "event that commits later. Confirmed events are pruned after `bakery.events.delivered-retention`.")
@RestController
class TenantEventFeed {

    /** The cursor: {@code <transaction id>.<event id>}, or {@code 0} for the start. */
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");

    private final ServiceDatabase db;
    private final JsonMapper json;

    TenantEventFeed(@Qualifier("tenant") ServiceDatabase db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** One outbox event; {@code payload} is the event body as written with the change. */
    @Schema(name = "TenantEvent")
    record Event(long id, UUID messageId, String eventType, UUID aggregateId, JsonNode payload, java.time.Instant createdAt) {
    }

    /** A page of events and the cursor to ask with next (unchanged when there were none). */
    @Schema(name = "TenantEventPage")
    record Page(List<Event> events,
                @Schema(description = "The cursor to pass as `after` next: opaque, unchanged when the page is empty",
                        example = "1234.56") String nextAfter) {
    }

    @Operation(operationId = "listTenantEvents", summary = "Read the tenant service's events after a cursor")
    @GetMapping("/api/v1/tenants/events")
    @PreAuthorize("hasRole('SERVICE')")
    Page events(@Parameter(description = "`next_after` of the page before; `0` (the default) from the first event")
                @RequestParam(name = "after", defaultValue = "0") String after,
                @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(1000) int limit) {
        String fromXact = "0";
        long fromId = 0;
        if (!"0".equals(after)) {
            Matcher cursor = CURSOR.matcher(after);
            if (!cursor.matches()) {
                throw ApiProblem.badRequest("after must be 0 or a next_after this feed answered, not '" + after + "'.");
            }
            fromXact = cursor.group(1);
            fromId = Long.parseLong(cursor.group(2));
        }
        record Row(Event event, String xact) {
        }
        List<Row> rows = db.jdbc().query("select id, message_id, event_type, aggregate_id, payload::text as payload,"
                        + " created_at, xact_id::text as xact from tenant.outbox_events"
                        + " where xact_id < pg_snapshot_xmin(pg_current_snapshot())"
                        + " and (xact_id, id) > (cast(? as xid8), ?) order by xact_id, id limit ?",
                (row, i) -> new Row(new Event(row.getLong("id"), row.getObject("message_id", UUID.class),
                        row.getString("event_type"), row.getObject("aggregate_id", UUID.class),
                        json.readTree(row.getString("payload")), row.getTimestamp("created_at").toInstant()),
                        row.getString("xact")), fromXact, fromId, limit);
        if (rows.isEmpty()) {
            return new Page(List.of(), after);
        }
        Row last = rows.get(rows.size() - 1);
        return new Page(rows.stream().map(Row::event).toList(), last.xact() + "." + last.event().id());
    }
}
