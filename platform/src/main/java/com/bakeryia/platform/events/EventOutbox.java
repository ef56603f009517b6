package com.bakeryia.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * One service's transactional outbox, the table {@code <schema>.outbox_events}: a change and the
 * event announcing it commit together ({@link #append} joins the caller's transaction), so no event
 * is lost and none announces a change that rolled back. Each row is PENDING until a relay has it
 * confirmed by the broker (SENT), or has failed {@code max-attempts} times (DEAD, listed and
 * replayed by an operator). The database's {@code now()} decides every time here, the one clock of
 * all replicas.
 *
 * <p>Order per subject: an event is taken only when no earlier event of its subject is PENDING, so
 * a subject's events are published one after the other in the order written. A DEAD event no longer
 * holds back the later ones of its subject (they would wait forever); each message carries its
 * {@code sequence} so a consumer can tell.
 */
public final class EventOutbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where an event is. */
    public enum Status { PENDING, SENT, DEAD }

    /** An event as an operator reads it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "OutboxEvent")
    public record StoredEvent(long sequence, UUID messageId, String type, UUID subjectId, Status status, int attempts,
                              Instant occurredAt, Instant nextAttemptAt, Instant sentAt, String lastError) {
    }

    private final ServiceDatabase database;
    private final String table;

    public EventOutbox(ServiceDatabase database) {
        this.database = database;
        this.table = database.schema() + ".outbox_events";
    }

    /** The service whose outbox this is. */
    public String source() {
        return database.module().name();
    }

    /**
     * Writes an event in the caller's transaction (a transaction of its own when there is none);
     * answers its message id. {@code payload} holds ids, kinds and times only.
     */
    public UUID append(String type, UUID subjectId, Map<String, ?> payload, Instant occurredAt) {
        UUID messageId = UUID.randomUUID();
        appendAll(List.of(new NewEvent(messageId, type, subjectId, payload, occurredAt)));
        return messageId;
    }

    /** An event to write. */
    public record NewEvent(UUID messageId, String type, UUID subjectId, Map<String, ?> payload, Instant occurredAt) {
    }

    /** Writes the events in one round trip, in the caller's transaction, in the order given. */
    public void appendAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        database.namedJdbc().batchUpdate("insert into " + table + " (message_id, event_type, aggregate_id, payload,"
                + " created_at) values (:message, :type, :subject, cast(:payload as jsonb), :at)", events.stream()
                .map(event -> new MapSqlParameterSource().addValue("message", event.messageId())
                        .addValue("type", event.type()).addValue("subject", event.subjectId())
                        .addValue("payload", JSON.writeValueAsString(event.payload()))
                        .addValue("at", java.sql.Timestamp.from(event.occurredAt())))
                .toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Takes up to {@code limit} due events for publication, oldest first, at most one per subject
     * (the oldest PENDING one): each counts one more attempt and stays PENDING, but not due again
     * before {@code claim} has passed, so a relay that dies with it leaves it to another. Rows other
     * relays are taking right now are skipped, not waited for.
     */
    public List<OutboxEvent> claimDue(int limit, Duration claim) {
        return database.namedJdbc().query("""
                update %1$s o set attempts = o.attempts + 1, next_attempt_at = now() + cast(:claim as interval)
                from (select c.id from %1$s c where c.status = 'PENDING' and c.next_attempt_at <= now()
                        and not exists (select 1 from %1$s e where e.aggregate_id = c.aggregate_id
                                        and e.status = 'PENDING' and e.id < c.id)
                      order by c.id limit :limit for update of c skip locked) due
                where o.id = due.id
                returning o.id, o.message_id, o.event_type, o.aggregate_id, o.payload::text as payload, o.created_at,
                          o.attempts""".formatted(table),
                new MapSqlParameterSource().addValue("limit", limit).addValue("claim", claim.toMillis() + " milliseconds"),
                (rs, n) -> new OutboxEvent(rs.getLong("id"), rs.getObject("message_id", UUID.class),
                        rs.getString("event_type"), rs.getObject("aggregate_id", UUID.class), rs.getString("payload"),
                        rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts")))
                .stream().sorted(Comparator.comparingLong(OutboxEvent::sequence)).toList();
    }

    /** The broker confirmed the event: it is SENT. */
    public void markSent(long sequence) {
        database.jdbc().update("update " + table + " set status = 'SENT', sent_at = now(), last_error = null"
                + " where id = ? and status = 'PENDING'", sequence);
    }

    /**
     * A publication failed: the event is due again after {@code wait}, or DEAD once it has had
     * {@code maxAttempts}. Answers whether it is DEAD now.
     */
    public boolean markFailed(long sequence, String error, Duration wait, int maxAttempts) {
        return Boolean.TRUE.equals(database.jdbc().query("update " + table + " set last_error = ?,"
                        + " status = case when attempts >= ? then 'DEAD' else 'PENDING' end,"
                        + " next_attempt_at = now() + cast(? as interval)"
                        + " where id = ? and status = 'PENDING' returning status = 'DEAD'",
                rs -> rs.next() ? rs.getBoolean(1) : null, truncate(error), maxAttempts, wait.toMillis() + " milliseconds",
                sequence));
    }

    /** DEAD events after {@code afterSequence}, oldest first, at most {@code limit}. */
    public List<StoredEvent> deadLetters(long afterSequence, int limit) {
        return database.jdbc().query("select * from " + table + " where status = 'DEAD' and id > ? order by id limit ?",
                STORED, afterSequence, limit);
    }

    /** Events of every status after {@code afterSequence}, oldest first, at most {@code limit}. */
    public List<StoredEvent> events(Status status, long afterSequence, int limit) {
        return database.jdbc().query("select * from " + table + " where (cast(? as text) is null or status = ?)"
                + " and id > ? order by id limit ?", STORED, status == null ? null : status.name(),
                status == null ? null : status.name(), afterSequence, limit);
    }

    /** Figures per status: how many events, and the oldest PENDING one's time. */
    public Map<String, Object> counts() {
        return database.jdbc().queryForMap("select count(*) filter (where status = 'PENDING') as pending,"
                + " count(*) filter (where status = 'SENT') as sent, count(*) filter (where status = 'DEAD') as dead,"
                + " min(created_at) filter (where status = 'PENDING') as oldest_pending from " + table);
    }

    /** Puts a DEAD event back to PENDING, due now with a fresh count of attempts; false when it is not DEAD. */
    public boolean replay(UUID messageId) {
        return database.jdbc().update("update " + table + " set status = 'PENDING', attempts = 0, next_attempt_at = now(),"
                + " last_error = null where message_id = ? and status = 'DEAD'", messageId) == 1;
    }

    /** The event with this message id, if the outbox still holds it. */
    public java.util.Optional<StoredEvent> find(UUID messageId) {
        return database.jdbc().query("select * from " + table + " where message_id = ?", STORED, messageId)
                .stream().findFirst();
    }

    /** Deletes SENT events confirmed longer than {@code retention} ago, in slices; answers how many. */
    public int pruneSent(Duration retention) {
        int total = 0;
        int deleted;
        do {
            deleted = database.jdbc().update("delete from " + table + " where id in (select id from " + table
                    + " where status = 'SENT' and sent_at < now() - cast(? as interval) limit 5000)",
                    retention.toMillis() + " milliseconds");
            total += deleted;
        } while (deleted == 5000);
        return total;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static final RowMapper<StoredEvent> STORED = (rs, n) -> new StoredEvent(rs.getLong("id"),
            rs.getObject("message_id", UUID.class), rs.getString("event_type"), rs.getObject("aggregate_id", UUID.class),
            Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("next_attempt_at").toInstant(),
            rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(), rs.getString("last_error"));
}
