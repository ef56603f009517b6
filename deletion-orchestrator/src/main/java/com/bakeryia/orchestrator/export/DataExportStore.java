package com.bakeryia.orchestrator.export;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.orchestrator.job.DatabaseClock;
import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exports' tables in the orchestrator's schema: {@code data_exports} (one row per export, with
 * its lease) and {@code data_export_parts} (one row per table written). Leases, limits and expiries
 * are decided by the job store's {@link DatabaseClock}, the one clock of every replica. Every write of a lease
 * holder is fenced by {@code lease_owner} and {@code version}: a worker whose lease was taken over
 * changes nothing any more.
 */
public class DataExportStore {

    private static final String COLUMNS = "id, kind, subject_id, status, created_at, started_at, completed_at, expires_at,"
            + " tables_total, tables_done, rows_written, file_bytes, error";

    private final NamedParameterJdbcTemplate sql;
    private final TransactionTemplate transactions;
    private final DatabaseClock clock;
    private final String exports;
    private final String parts;
    private final String jobs;

    public DataExportStore(ServiceDatabase database, DatabaseClock clock) {
        this.sql = database.namedJdbc();
        this.transactions = database.transactions();
        this.clock = clock;
        this.exports = database.schema() + ".data_exports";
        this.parts = database.schema() + ".data_export_parts";
        this.jobs = database.schema() + ".deletion_jobs";
    }

    /**
     * The answer to a request for an export: the export queued, or, when the subject had one asked
     * for within the interval (a FAILED one aside), when the next may be asked for.
     */
    public record Creation(DataExport export, Instant nextAllowedAt, Duration retryAfter) {
    }

    /**
     * Queues an export of {@code subjectId} asked for by {@code requestedBy}, reading
     * {@code participants}, unless one of the same subject was asked for less than {@code interval}
     * ago and did not fail. The check and the insert hold a lock on the subject (a transaction-level
     * advisory lock), so two requests at once queue one export.
     */
    public Creation create(ExportKind kind, UUID subjectId, String requestedBy, List<String> participants,
                           int attemptLimit, Duration interval) {
        return transactions.execute(status -> {
            sql.queryForList("select pg_advisory_xact_lock(hashtextextended(:key, 0))",
                    new MapSqlParameterSource("key", "data-export:" + kind + ":" + subjectId));
            Instant now = clock.now();
            List<Timestamp> recent = sql.queryForList("select max(created_at) from " + exports + " where kind = :kind"
                            + " and subject_id = :subject and status <> 'FAILED' and created_at > :since",
                    new MapSqlParameterSource("kind", kind.name()).addValue("subject", subjectId)
                            .addValue("since", at(now.minus(interval))), Timestamp.class);
            if (!recent.isEmpty() && recent.get(0) != null) {
                Instant next = recent.get(0).toInstant().plus(interval);
                return new Creation(null, next, Duration.between(now, next));
            }
            UUID id = UUID.randomUUID();
            sql.update("insert into " + exports + " (id, kind, subject_id, status, requested_by, participants, attempt_limit,"
                            + " created_at) values (:id, :kind, :subject, 'QUEUED', :by, :participants, :limit, :now)",
                    new MapSqlParameterSource("id", id).addValue("kind", kind.name()).addValue("subject", subjectId)
                            .addValue("by", requestedBy).addValue("participants", participants.toArray(String[]::new))
                            .addValue("limit", attemptLimit).addValue("now", at(now)));
            return new Creation(find(id).orElseThrow(), null, null);
        });
    }

    /** The archive's file name of a READY export (in the export directory). */
    public Optional<String> fileName(UUID exportId) {
        return sql.query("select file_name from " + exports + " where id = :id and status = 'READY'",
                new MapSqlParameterSource("id", exportId), (row, n) -> row.getString(1)).stream().findFirst();
    }

    public Optional<DataExport> find(UUID exportId) {
        return sql.query("select " + COLUMNS + " from " + exports + " where id = :id", new MapSqlParameterSource("id", exportId),
                (row, n) -> export(row)).stream().findFirst();
    }

    /** An export's lease, as its holder took it: every write of the holder names it. */
    public record Lease(UUID exportId, ExportKind kind, UUID subjectId, List<String> participants, String owner,
                        long version, int attempts, int attemptLimit) {
    }

    /**
     * Claims the oldest due export (QUEUED, or RUNNING with its lease run out: its worker died) for
     * {@code owner} until {@code now + lease}; {@code skip locked}, so replicas never claim the same.
     */
    public Optional<Lease> claim(String owner, Duration lease) {
        Instant now = clock.now();
        return sql.query("update " + exports + " e set status = 'RUNNING', lease_owner = :owner,"
                        + " lease_expires_at = :until, attempts = e.attempts + 1,"
                        + " version = e.version + 1, started_at = coalesce(e.started_at, :now)"
                        + " from (select id from " + exports + " where status = 'QUEUED' or (status = 'RUNNING'"
                        + " and lease_expires_at < :now) order by created_at limit 1 for update skip locked) due"
                        + " where e.id = due.id"
                        + " returning e.id, e.kind, e.subject_id, e.participants, e.version, e.attempts, e.attempt_limit",
                new MapSqlParameterSource("owner", owner).addValue("until", at(now.plus(lease))).addValue("now", at(now)),
                (row, n) -> new Lease(row.getObject("id", UUID.class), ExportKind.valueOf(row.getString("kind")),
                        row.getObject("subject_id", UUID.class), strings(row.getArray("participants")), owner,
                        row.getLong("version"), row.getInt("attempts"), row.getInt("attempt_limit")))
                .stream().findFirst();
    }

    /** Extends the lease; false when it is no longer the holder's. */
    public boolean heartbeat(Lease lease, Duration duration) {
        return sql.update("update " + exports + " set lease_expires_at = :until"
                + " where id = :id and lease_owner = :owner and version = :version and status = 'RUNNING'",
                fence(lease).addValue("until", at(clock.now().plus(duration)))) == 1;
    }

    /** The lease was taken over (the holder was too slow to heartbeat, or presumed dead): stop writing. */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(Lease lease) {
            super("The lease on export " + lease.exportId() + " is no longer held by " + lease.owner());
        }
    }

    /** A table written into the work directory: its files' rows, sizes and SHA-256. */
    public record Part(String service, String table, int position, List<String> columns, long rows, long ndjsonBytes,
                       String ndjsonSha256, long csvBytes, String csvSha256, long writtenByVersion) {
    }

    /** The tables already written by this export's attempts, in their order. */
    public List<Part> parts(UUID exportId) {
        return sql.query("select service, table_name, position, columns, rows, ndjson_bytes, ndjson_sha256, csv_bytes,"
                        + " csv_sha256, written_by_version from " + parts + " where export_id = :id order by position",
                new MapSqlParameterSource("id", exportId),
                (row, n) -> new Part(row.getString("service"), row.getString("table_name"), row.getInt("position"),
                        strings(row.getArray("columns")), row.getLong("rows"), row.getLong("ndjson_bytes"),
                        row.getString("ndjson_sha256"), row.getLong("csv_bytes"), row.getString("csv_sha256"),
                        row.getLong("written_by_version")));
    }

    /** Sets how many tables the export writes in all. */
    public void plan(Lease lease, int tablesTotal) {
        fenced(lease, "update " + exports + " set tables_total = :total where id = :id and lease_owner = :owner"
                + " and version = :version", fence(lease).addValue("total", tablesTotal));
    }

    /** Records a written table and the progress it makes, fenced by the lease. */
    public void recordPart(Lease lease, Part part) {
        fenced(lease, "insert into " + parts + " (export_id, service, table_name, position, columns, rows, ndjson_bytes,"
                        + " ndjson_sha256, csv_bytes, csv_sha256, written_by_version) select id, :service, :table, :position,"
                        + " :columns, :rows, :nb, :ns, :cb, :cs, version from " + exports + " where id = :id and lease_owner = :owner and version = :version"
                        + " on conflict (export_id, service, table_name) do update set position = excluded.position,"
                        + " columns = excluded.columns, rows = excluded.rows, ndjson_bytes = excluded.ndjson_bytes,"
                        + " ndjson_sha256 = excluded.ndjson_sha256, csv_bytes = excluded.csv_bytes,"
                        + " csv_sha256 = excluded.csv_sha256, written_by_version = excluded.written_by_version",
                fence(lease).addValue("service", part.service()).addValue("table", part.table())
                        .addValue("position", part.position()).addValue("columns", part.columns().toArray(String[]::new))
                        .addValue("rows", part.rows()).addValue("nb", part.ndjsonBytes()).addValue("ns", part.ndjsonSha256())
                        .addValue("cb", part.csvBytes()).addValue("cs", part.csvSha256()));
        sql.update("update " + exports + " e set tables_done = (select count(*) from " + parts + " where export_id = e.id),"
                + " rows_written = (select coalesce(sum(rows), 0) from " + parts + " where export_id = e.id) where id = :id",
                new MapSqlParameterSource("id", lease.exportId()));
    }

    /** READY until {@code now + validity}: the archive is written. */
    public void ready(Lease lease, String fileName, long fileBytes, String sha256, Duration validity) {
        Instant now = clock.now();
        fenced(lease, "update " + exports + " set status = 'READY', completed_at = :now, expires_at = :expires,"
                        + " file_name = :file, file_bytes = :bytes, archive_sha256 = :sha, lease_owner = null,"
                        + " lease_expires_at = null, error = null where id = :id and lease_owner = :owner and version = :version",
                fence(lease).addValue("now", at(now)).addValue("expires", at(now.plus(validity))).addValue("file", fileName).addValue("bytes", fileBytes)
                        .addValue("sha", sha256));
    }

    /** An attempt failed: QUEUED for the next attempt, or FAILED when it was the last (answers true then). */
    public boolean attemptFailed(Lease lease, String error) {
        return sql.query("update " + exports + " set status = case when attempts >= attempt_limit then 'FAILED' else 'QUEUED' end,"
                + " completed_at = case when attempts >= attempt_limit then :now end, lease_owner = null,"
                + " lease_expires_at = null, error = :error where id = :id and lease_owner = :owner and version = :version"
                + " returning status", fence(lease).addValue("error", error).addValue("now", at(clock.now())),
                (row, n) -> row.getString(1)).stream().anyMatch("FAILED"::equals);
    }

    /**
     * Marks EXPIRED every READY export whose link ran out, answering their archives' file names (to
     * delete). Each row is changed once, so of replicas sweeping together one deletes each file.
     */
    public List<String> expire() {
        return sql.query("update " + exports + " set status = 'EXPIRED' where status = 'READY' and expires_at <= :now"
                        + " returning file_name", new MapSqlParameterSource("now", at(clock.now())),
                (row, n) -> row.getString(1));
    }

    /** An export of an erased subject, deleted: its archive and work files are to go too. */
    public record Forgotten(UUID exportId, String fileName) {
    }

    /**
     * Forgets erased subjects: deletes every export of a tenant or a person whose deletion job
     * COMPLETED (their rows and parts; answers them so their files go too), and replaces an erased
     * person's id as the requester of other exports by the tombstone.
     */
    public List<Forgotten> forgetErased() {
        List<Forgotten> forgotten = sql.query("delete from " + exports + " e where exists (select 1 from " + jobs + " j"
                        + " where j.status = 'COMPLETED' and j.kind = e.kind and j.subject_id = e.subject_id)"
                        + " returning id, file_name", new MapSqlParameterSource(),
                (row, n) -> new Forgotten(row.getObject("id", UUID.class), row.getString("file_name")));
        sql.update("update " + exports + " set requested_by = 'user:' || :tombstone where requested_by in (select 'user:'"
                + " || subject_id from " + jobs + " where kind = 'USER' and status = 'COMPLETED')",
                new MapSqlParameterSource("tombstone", com.bakeryia.deletion.UserTombstone.ID.toString()));
        return forgotten;
    }

    private void fenced(Lease lease, String statement, MapSqlParameterSource parameters) {
        if (sql.update(statement, parameters) == 0) {
            throw new LeaseLostException(lease);
        }
    }

    private static MapSqlParameterSource fence(Lease lease) {
        return new MapSqlParameterSource("id", lease.exportId()).addValue("owner", lease.owner())
                .addValue("version", lease.version());
    }

    private static DataExport export(ResultSet row) throws SQLException {
        return new DataExport(row.getObject("id", UUID.class), ExportKind.valueOf(row.getString("kind")),
                row.getObject("subject_id", UUID.class), ExportStatus.valueOf(row.getString("status")),
                instant(row, "created_at"), instant(row, "started_at"), instant(row, "completed_at"),
                instant(row, "expires_at"), (Integer) row.getObject("tables_total"), row.getInt("tables_done"),
                row.getLong("rows_written"), (Long) row.getObject("file_bytes"), row.getString("error"));
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
