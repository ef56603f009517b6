package com.bakeryia.orchestrator.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.job.LeasedStep;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.at;

/**
 * The deletion audit trail: one append-only, hash-chained table ({@code deletion_audit_entries})
 * of every deletion-related action. Every entry is appended in the transaction of the action it
 * records, so the trail is exactly the history the job store went through: an action rolled back
 * leaves no entry, and no action commits without one.
 *
 * <p>The chain: entry {@code n} stores {@code hash = SHA-256(previous_hash || canonical)} in lower
 * case hex, where {@code previous_hash} is entry {@code n-1}'s hash (64 zeros for the first) and
 * {@code canonical} is the UTF-8 JSON object of the entry's own fields with keys in alphabetical
 * order and no spaces: {@code action, actor, details} (keys sorted the same way, at every depth),
 * {@code job_id, kind, recorded_at} (ISO-8601 UTC, microseconds), {@code seq, subject_id} (absent
 * values are {@code null}). Rewriting any field of any entry, removing one, or inserting one breaks
 * the chain at that entry; {@link #verify} names the first. Rewriting every entry after it as well
 * (recomputing the hashes) changes every later hash, which a certificate's {@code audit_head}
 * (the hash right after its job completed) then no longer finds.
 *
 * <p>Appends are serialised by a transaction-level advisory lock, taken last in the transaction
 * (after the job and step locks), so concurrent appends from several processes on one database
 * keep one chain with {@code seq} 1, 2, 3 ... and no deadlock with the job store's own locks. The
 * lock is held until the transaction commits, so appends of many actions go in one transaction
 * ({@link #appendAll}) where they can.
 */
public class DeletionAudit {

    /** The first entry's previous hash. */
    static final String GENESIS = "0".repeat(64);

    /** The actor of what the worker records: attempts, failures, verifications, completions, certificates. */
    public static final String WORKER = "system:worker";

    /** The advisory lock key of the chain (an arbitrary constant: "deletion audit"). */
    private static final long CHAIN_LOCK = 0x6465_6c61_7564_6974L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What happened. */
    public enum Action {
        /** Someone asked for a deletion (details: whether it waits out a window). */
        REQUESTED,
        /** The job waits out its grace window (details: scheduled_for). */
        SCHEDULED,
        /** The job started deleting (after its window, or at once when a service skipped it). */
        STARTED,
        /** Restored within the window: the job is CANCELLED and nothing was deleted. */
        RESTORED,
        /** Cancelled within the window by the person (a login that cancelled their deletion). */
        CANCELLED,
        /** One attempt of one step ended (details: service, phase, attempt, outcome, counts). */
        ATTEMPT,
        /** A FAILED job was put back to work. */
        RETRIED,
        /** Every VERIFY step found (or, after deleting late rows again, left) 0 rows. */
        VERIFIED,
        /** Every catalog scan found 0 rows of the subject. */
        SCANNED,
        /** A step failed for good; the job is FAILED. */
        FAILED,
        /** The job completed (details: totals). */
        COMPLETED,
        /** The job's deletion certificate was issued (details: key id and the certificate's SHA-256). */
        CERTIFICATE_ISSUED,
        /**
         * A RECORDS_OFFICER read records the law keeps of the job's deleted tenant (details: the service,
         * the stated reason, the page read and how many records it returned).
         */
        RETAINED_RECORDS_READ,
        /** An export of the subject's data was asked for (no job: details: export_id). */
        EXPORT_REQUESTED,
        /** An export's archive was downloaded, whole or a range of it (no job: details: export_id, range). */
        EXPORT_DOWNLOADED,
        /**
         * A purge deleted kept records whose retain_until had passed (no job: details: purge_id, key_id,
         * certificate_sha256, rows per table, total_rows).
         */
        RETENTION_PURGED
    }

    /**
     * One entry as stored, every value as the database holds it: an {@code action} or {@code kind}
     * someone rewrote to a word the platform never writes is shown as that word, and {@code details}
     * as whatever JSON the column holds, so a tampered entry can be listed and looked at.
     */
    @Schema(name = "DeletionAuditEntry")
    public record Entry(long seq, Instant recordedAt,
                        @Schema(description = "What happened: one of " + ACTIONS + " (another word only where the"
                                + " entry was rewritten behind the platform's back)", example = "COMPLETED") String action,
                        UUID jobId,
                        @Schema(description = "TENANT or USER (another word only where the entry was rewritten)",
                                example = "TENANT") String kind,
                        UUID subjectId, String actor,
                        @Schema(description = "Ids, kinds, counts and times of the action: a JSON object as stored",
                                type = "object") Object details,
                        String previousHash, String hash) {
    }

    /** The actions, for the document: what {@link Entry#action} holds on an untouched entry. */
    static final String ACTIONS = "REQUESTED, SCHEDULED, STARTED, RESTORED, CANCELLED, ATTEMPT, RETRIED, VERIFIED,"
            + " SCANNED, FAILED, COMPLETED, CERTIFICATE_ISSUED, RETAINED_RECORDS_READ, EXPORT_REQUESTED, EXPORT_DOWNLOADED,"
            + " RETENTION_PURGED";

    /**
     * The chain checked: valid, or the first entry that is not what its hash says. {@code checkedAfter}
     * is the entry up to which an earlier full verification was trusted (a checkpoint; 0 when every
     * entry was re-hashed now).
     */
    public record Verification(boolean valid, long entries, String head, Long firstInvalidEntry, String reason,
                               long checkedAfter) {
    }

    /**
     * Told of every entry appended, in the transaction that appends it (so what it writes, the
     * outbox of deletion events, commits with the action or not at all). It must not take locks.
     */
    @FunctionalInterface
    public interface Announcer {

        /** Tells no one. */
        Announcer NONE = entries -> { };

        void announce(List<Pending> entries);
    }

    private final JobStoreTables tables;
    private final String table;
    private final String checkpoint;
    private final Announcer announcer;

    public DeletionAudit(JobStoreTables tables) {
        this(tables, Announcer.NONE);
    }

    public DeletionAudit(JobStoreTables tables, Announcer announcer) {
        this.tables = tables;
        this.table = tables.database().schema() + ".deletion_audit_entries";
        this.checkpoint = tables.database().schema() + ".deletion_audit_checkpoint";
        this.announcer = announcer;
    }

    /**
     * An entry to append. {@code then}, when given, runs right after the entry is chained, with
     * the chain's head hash at that entry, and answers entries to append after it (a certificate
     * that names the head, and the entry that records its issue).
     */
    public record Pending(Instant at, Action action, UUID jobId, JobKind kind, UUID subjectId, String actor,
                   Map<String, ?> details, Function<String, List<Pending>> then) {

        Pending(Instant at, Action action, UUID jobId, JobKind kind, UUID subjectId, String actor, Map<String, ?> details) {
            this(at, action, jobId, kind, subjectId, actor, details, null);
        }

        /** An entry about the job a step belongs to. */
        public static Pending of(Instant at, Action action, LeasedStep step, String actor, Map<String, ?> details) {
            return new Pending(at, action, step.jobId(), step.kind(), step.subjectId(), actor, details);
        }
    }

    /**
     * Appends an entry, in the caller's transaction when there is one (a transaction of its own
     * otherwise); returns the new head hash. {@code details} hold ids, kinds, counts and times only.
     */
    public String append(Instant at, Action action, UUID jobId, JobKind kind, UUID subjectId, String actor,
                  Map<String, ?> details) {
        return appendAll(List.of(new Pending(at, action, jobId, kind, subjectId, actor, details)));
    }

    /**
     * Appends the entries in order (with what their {@code then} adds, each right after its own
     * entry) under one hold of the chain's lock, reading the head once and inserting them in one
     * round trip, in the caller's transaction when there is one; returns the new head hash.
     * Whoever records many actions at once (a batch of step outcomes) pays for the lock and the
     * commit once, not once per entry. Call it last in the transaction, when every row lock it
     * needs is held.
     */
    public String appendAll(List<Pending> entries) {
        return tables.transactions().execute(status -> {
            var sql = tables.sql();
            sql.getJdbcOperations().queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
            List<Map<String, Object>> last = sql.getJdbcOperations().queryForList(
                    "select seq, hash from " + table + " order by seq desc limit 1");
            long seq = last.isEmpty() ? 0 : ((Number) last.get(0).get("seq")).longValue();
            String previous = last.isEmpty() ? GENESIS : (String) last.get(0).get("hash");
            List<MapSqlParameterSource> rows = new ArrayList<>();
            List<Pending> appended = new ArrayList<>();
            Deque<Pending> queue = new ArrayDeque<>(entries);
            while (!queue.isEmpty()) {
                Pending entry = queue.removeFirst();
                seq++;
                Instant recordedAt = entry.at().truncatedTo(ChronoUnit.MICROS);
                Map<String, Object> content = sorted(entry.details());
                String kind = entry.kind() == null ? null : entry.kind().name();
                String hash = hash(previous, canonical(seq, recordedAt, entry.action().name(), entry.jobId(), kind,
                        entry.subjectId(), entry.actor(), content));
                rows.add(new MapSqlParameterSource().addValue("seq", seq).addValue("at", at(recordedAt))
                        .addValue("action", entry.action().name()).addValue("job", entry.jobId()).addValue("kind", kind)
                        .addValue("subject", entry.subjectId()).addValue("actor", entry.actor())
                        .addValue("details", JSON.writeValueAsString(content)).addValue("previous", previous)
                        .addValue("hash", hash));
                appended.add(new Pending(recordedAt, entry.action(), entry.jobId(), entry.kind(), entry.subjectId(),
                        entry.actor(), content));
                previous = hash;
                if (entry.then() != null) {
                    List<Pending> following = entry.then().apply(hash);
                    for (int i = following.size() - 1; i >= 0; i--) {
                        queue.addFirst(following.get(i));
                    }
                }
            }
            sql.batchUpdate("insert into " + table + " (seq, recorded_at, action, job_id, kind, subject_id, actor, details,"
                    + " previous_hash, hash) values (:seq, :at, :action, :job, :kind, :subject, :actor,"
                    + " cast(:details as jsonb), :previous, :hash)", rows.toArray(MapSqlParameterSource[]::new));
            announcer.announce(appended);
            return previous;
        });
    }

    /** An entry about a job: its kind and subject named with it. */
    String append(Instant at, Action action, LeasedStep step, String actor, Map<String, ?> details) {
        return appendAll(List.of(Pending.of(at, action, step, actor, details)));
    }

    /** The newest entry's hash ({@link #GENESIS} for an empty trail). */
    String head() {
        return tables.sql().getJdbcOperations().queryForList("select hash from " + table + " order by seq desc limit 1",
                String.class).stream().findFirst().orElse(GENESIS);
    }

    /** The entry whose hash this is, if the chain holds it. */
    public Optional<Long> seqOf(String hash) {
        return tables.sql().getJdbcOperations().queryForList("select seq from " + table + " where hash = ?", Long.class,
                hash).stream().findFirst();
    }

    /** Entries oldest first, filtered by subject and job (either may be null), after {@code afterSeq}, at most {@code limit}. */
    public List<Entry> list(UUID subjectId, UUID jobId, long afterSeq, int limit) {
        return tables.sql().query("select " + COLUMNS + " from " + table
                + " where (cast(:subject as uuid) is null or subject_id = :subject)"
                + " and (cast(:job as uuid) is null or job_id = :job) and seq > :after order by seq limit :limit",
                new MapSqlParameterSource().addValue("subject", subjectId).addValue("job", jobId)
                        .addValue("after", afterSeq).addValue("limit", limit), (rs, n) -> entry(rs));
    }

    /**
     * Recomputes the chain from the first entry, a page at a time, and on success moves the
     * checkpoint to its head. What a superuser may have rewritten (any value of any column, an
     * entry removed or put in) gives an answer naming the first entry that is wrong, never an
     * exception: values are hashed as stored, without being read into the platform's types first.
     */
    public Verification verify() {
        Verification verification = verifyAfter(0, GENESIS);
        if (verification.valid() && verification.entries() > 0) {
            tables.sql().update("insert into " + checkpoint + " (seq, hash, checked_at) values (:seq, :hash, now())"
                    + " on conflict (only_row) do update set seq = excluded.seq, hash = excluded.hash,"
                    + " checked_at = excluded.checked_at where " + checkpoint + ".seq <= excluded.seq",
                    new MapSqlParameterSource().addValue("seq", verification.entries()).addValue("hash", verification.head()));
        }
        return verification;
    }

    /**
     * Recomputes the chain after the checkpoint that the last full {@link #verify} left (and from the
     * first entry when there is none, or when the checkpointed entry no longer holds the hash it had
     * then: the chain was rewritten up to there). Each look at a certificate's {@code audit_head}
     * thus re-hashes only what was appended since, not the whole history; a rewrite of an entry at
     * or before the checkpoint that leaves that entry's hash alone is found by the next full
     * {@link #verify}, which {@code ctl audit verify} and the API without {@code audit_head} run.
     */
    public Verification verifySinceCheckpoint() {
        List<Map<String, Object>> saved = tables.sql().getJdbcOperations().queryForList(
                "select c.seq, c.hash, e.hash as stored from " + checkpoint + " c left join " + table + " e on e.seq = c.seq");
        if (saved.isEmpty() || !java.util.Objects.equals(saved.get(0).get("hash"), saved.get(0).get("stored"))) {
            return verify();
        }
        return verifyAfter(((Number) saved.get(0).get("seq")).longValue(), (String) saved.get(0).get("hash"));
    }

    /** The chain after entry {@code afterSeq}, whose hash is taken to be {@code afterHash}. */
    private Verification verifyAfter(long afterSeq, String afterHash) {
        String previous = afterHash;
        long expectedSeq = afterSeq + 1;
        long count = afterSeq;
        while (true) {
            List<Entry> page = tables.sql().query("select " + COLUMNS + " from " + table
                            + " where seq >= :from order by seq limit 1000", Map.of("from", expectedSeq), (rs, n) -> entry(rs));
            for (Entry entry : page) {
                String problem = null;
                if (entry.seq() != expectedSeq) {
                    problem = "entry " + expectedSeq + " is missing (the next entry is " + entry.seq() + ")";
                } else if (!previous.equals(entry.previousHash())) {
                    problem = "its previous_hash is not the hash of entry " + (entry.seq() - 1);
                } else if (!hash(previous, canonical(entry)).equals(entry.hash())) {
                    problem = "its content does not match its hash";
                }
                if (problem != null) {
                    return new Verification(false, count, null, expectedSeq, problem, afterSeq);
                }
                previous = entry.hash();
                expectedSeq++;
                count++;
            }
            if (page.size() < 1000) {
                return new Verification(true, count, previous, null, null, afterSeq);
            }
        }
    }

    /**
     * The columns as stored: {@code details} as the text of its JSON, the rest as plain values the
     * driver reads without interpretation (text as text, a uuid as a uuid, a time as a time).
     */
    private static final String COLUMNS = "seq, recorded_at, action, job_id, kind, subject_id, actor,"
            + " details::text as details, previous_hash, hash";

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("seq"), JobStoreTables.instant(rs, "recorded_at"), rs.getString("action"),
                rs.getObject("job_id", UUID.class), rs.getString("kind"), rs.getObject("subject_id", UUID.class),
                rs.getString("actor"), json(rs.getString("details")), rs.getString("previous_hash"), rs.getString("hash"));
    }

    /**
     * The stored JSON read as plain maps, lists and values; text the reader refuses (nesting deeper
     * than it allows, say) stays text, which then does not match the hash.
     */
    private static Object json(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readValue(stored, Object.class);
        } catch (RuntimeException unreadable) {
            return stored;
        }
    }

    static String canonical(Entry entry) {
        return canonical(entry.seq(), entry.recordedAt(), entry.action(), entry.jobId(), entry.kind(), entry.subjectId(),
                entry.actor(), entry.details());
    }

    private static String canonical(long seq, Instant recordedAt, String action, UUID jobId, String kind, UUID subjectId,
                                    String actor, Object details) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("action", action);
        fields.put("actor", actor);
        fields.put("details", sortedValue(details));
        fields.put("job_id", jobId == null ? null : jobId.toString());
        fields.put("kind", kind);
        fields.put("recorded_at", recordedAt == null ? null : recordedAt.toString());
        fields.put("seq", seq);
        fields.put("subject_id", subjectId == null ? null : subjectId.toString());
        return JSON.writeValueAsString(fields);
    }

    /** SHA-256 of {@code previousHash} followed by {@code canonical} (UTF-8), in lower-case hex. */
    static String hash(String previousHash, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The map with its keys sorted at every depth: the canonical order. */
    static Map<String, Object> sorted(Map<String, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(key, sortedValue(value)));
        return sorted;
    }

    /** A value in the canonical order: maps sorted at every depth, lists in their own order. */
    @SuppressWarnings("unchecked")
    private static Object sortedValue(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return sorted((Map<String, ?>) nested);
        }
        if (value instanceof List<?> list) {
            List<Object> sorted = new ArrayList<>();
            for (Object element : list) {
                sorted.add(sortedValue(element));
            }
            return sorted;
        }
        return value;
    }

    /** Details in the order given, for callers: {@code details("service", "oven", "attempt", 2)}. */
    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }
}
