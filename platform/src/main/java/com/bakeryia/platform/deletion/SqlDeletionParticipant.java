package com.bakeryia.platform.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.RetainedRecordPage;
import com.bakeryia.deletion.RetainedRows;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.retention.TenantRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Runs a {@link DeletionPlan} against a service's database with set-based SQL. Rows are never
 * loaded into Java: each statement deletes (or anonymises) a chunk of rows picked by {@code ctid}
 * and commits on its own, and is repeated until none are left, so no statement holds locks on an
 * unbounded set and a crash loses at most one short chunk of work. Chunks are sized by time
 * ({@link ChunkSizing}): each table's next chunk takes as many rows as its last ones deleted in the
 * target time, so a parent whose rows cost foreign-key checks gets small chunks and a cheap child
 * large ones; each table starts from the size it ended with last time. The same statement adds the
 * chunk's count to the run's counts ({@link DeletionRunCounts}), so the counts of a run are exact
 * across calls that died midway, whatever the chunks' sizes: what a call reports is read back from
 * there. The chunks of a tenant too large for one statement, and a table's chunks after its first
 * for a user, wait for the process's {@link ChunkGate}, so large deletions running side by side
 * take turns; a small tenant's one statement does not wait.
 * Previews count every table in one statement. Every statement that looks the subject up goes
 * through the index that leads with its column, whatever the statistics say ({@link ThroughIndexes}),
 * so its cost follows what the subject left, not the size of the table.
 */
public class SqlDeletionParticipant implements DeletionParticipant {

    private static final Logger log = LoggerFactory.getLogger(SqlDeletionParticipant.class);

    private final ServiceDatabase database;
    private final DeletionPlan plan;
    private final ChunkSizing sizing;
    private final ChunkGate gate;
    private final Clock clock;
    private final DeletionRunCounts runCounts;
    private final Map<String, Integer> learnedRows = new ConcurrentHashMap<>();
    private final RetainedRecords retainedRecords;

    /**
     * Fixed chunks of {@code batchSize} rows, none held back by a gate; records the law keeps are
     * kept by the bundled catalogue, every tenant in the default country.
     */
    public SqlDeletionParticipant(ServiceDatabase database, DeletionPlan plan, int batchSize, Clock clock) {
        this(database, plan, ChunkSizing.fixed(batchSize), ChunkGate.OPEN, clock, TenantRetention.bundledDefaults());
    }

    SqlDeletionParticipant(ServiceDatabase database, DeletionPlan plan, ChunkSizing sizing, ChunkGate gate, Clock clock,
                           TenantRetention retention) {
        this.database = database;
        this.retainedRecords = new RetainedRecords(database, plan, retention, clock);
        this.runCounts = new DeletionRunCounts(database);
        this.plan = plan;
        this.sizing = sizing;
        this.gate = gate;
        this.clock = clock;
        // Every write of a tenant table checks the tenant's fence from now on (see delete).
        WriteFence.install(database, plan.tenantTables());
    }

    @Override
    public String service() {
        return plan.service();
    }

    public DeletionPlan plan() {
        return plan;
    }

    /** Every table's count in one statement: one round trip per service, whatever its number of tables. */
    @Override
    public DeletionPreview preview(DeletionSubject subject) {
        Map<String, Long> toDelete = new LinkedHashMap<>();
        Map<String, Long> toAnonymise = new LinkedHashMap<>();
        // table, how the subject is found there, and whether its rows are deleted
        List<String> tables = new ArrayList<>();
        List<PersonMatch> matches = new ArrayList<>();
        List<Boolean> deletes = new ArrayList<>();
        if (subject.scope() == DeletionScope.TENANT) {
            plan.tenantTables().forEach(table -> {
                tables.add(table);
                matches.add(PersonMatch.value("tenant_id", subject.id(), false));
                deletes.add(true);
            });
        } else {
            plan.userColumns().forEach(column -> {
                tables.add(column.table());
                matches.add(PersonMatch.declared(column.column(), column.shape(), subject.id()));
                deletes.add(column.action() == DeletionPlan.UserColumn.Action.DELETE);
            });
        }
        // A tenant's records that the law keeps are deleted from their table and kept, minimised, in the archive.
        Map<String, RetainedRows> retention = subject.scope() == DeletionScope.TENANT
                ? retainedRecords.preview(subject.id()) : Map.of();
        Map<String, Long> toRetain = RetainedRecords.rows(retention);
        if (tables.isEmpty()) {
            return new DeletionPreview(service(), subject.scope(), subject.id(), toDelete, toAnonymise, toRetain, retention);
        }
        List<String> counts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            counts.add("(select count(*) from " + qualified(tables.get(i)) + " where " + matches.get(i).condition() + ")");
            parameters.addAll(matches.get(i).parameters());
        }
        ThroughIndexes.count(database, () -> {
            database.jdbc().query("select " + String.join(", ", counts), rs -> {
                for (int i = 0; i < tables.size(); i++) {
                    (deletes.get(i) ? toDelete : toAnonymise).merge(qualified(tables.get(i)), rs.getLong(i + 1), Long::sum);
                }
            }, parameters.toArray());
            return null;
        });
        return new DeletionPreview(service(), subject.scope(), subject.id(), toDelete, toAnonymise, toRetain, retention);
    }

    /** The archive of what the law keeps of deleted tenants ({@link RetainedRecords}); empty when the plan keeps nothing. */
    @Override
    public RetainedRecordPage retainedRecords(UUID tenantId, long after, int limit) {
        return plan.keptByLaw().isEmpty() ? new RetainedRecordPage(List.of(), null)
                : retainedRecords.read(tenantId, after, limit);
    }

    /** One chunk of the purge of expired kept records ({@link RetainedRecords}); nothing when the plan keeps nothing. */
    @Override
    public Map<String, com.bakeryia.deletion.PurgedRows> purgeExpiredRetained(int limit) {
        return plan.keptByLaw().isEmpty() ? Map.of() : retainedRecords.purgeExpired(limit);
    }

    @Override
    public DeletionResult delete(DeletionSubject subject, UUID runId) {
        Instant startedAt = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> anonymised = new LinkedHashMap<>();
        Map<String, RetainedRows> retained = Map.of();
        if (subject.scope() == DeletionScope.TENANT) {
            // First the fence, committed: no write of the tenant commits here from now on, and those
            // past their check have committed, so what is deleted below is all there will be.
            WriteFence.fence(database, subject.id());
            // Then what the law keeps goes to the archive, before any of its rows are deleted (after
            // the fence: no record can be written after the copy and deleted without being kept).
            retained = retainedRecords.keep(subject.id());
            Map<String, Long> allAtOnce = deleteSmallTenant(subject.id(), runId);
            if (allAtOnce != null) {
                return completed(subject, startedAt, allAtOnce, Map.of(), retained);
            }
            for (String table : plan.tenantTables()) {
                // Not a small tenant: every chunk of it takes its turn at the gate, the first ones too.
                deleteChunked(table, PersonMatch.value("tenant_id", subject.id(), false), "tenant_id", runId, true);
                deleted.put(qualified(table), 0L);
            }
        } else {
            // Deletions first: a row that is the user's own should go, not be anonymised first.
            for (DeletionPlan.UserColumn column : userColumns(DeletionPlan.UserColumn.Action.DELETE)) {
                deleteChunked(column.table(), PersonMatch.declared(column.column(), column.shape(), subject.id()),
                        column.column(), runId, false);
                deleted.put(qualified(column.table()), 0L);
            }
            for (DeletionPlan.UserColumn column : userColumns(DeletionPlan.UserColumn.Action.ANONYMISE)) {
                anonymiseChunked(column, subject.id(), runId);
                anonymised.put(qualified(column.table()), 0L);
            }
        }
        // The run's counts, this call's and those of earlier calls of the run that died midway.
        DeletionRunCounts.Counts counts = runCounts.of(runId);
        deleted.putAll(counts.deleted());
        anonymised.putAll(counts.anonymised());
        return completed(subject, startedAt, deleted, anonymised, retained);
    }

    private DeletionResult completed(DeletionSubject subject, Instant startedAt, Map<String, Long> deleted,
                                     Map<String, Long> anonymised, Map<String, RetainedRows> retained) {
        Instant completedAt = clock.instant();
        var result = new DeletionResult(service(), subject.scope(), subject.id(), deleted, anonymised,
                RetainedRecords.rows(retained), List.of(), startedAt, completedAt,
                Duration.between(startedAt, completedAt).toMillis(), retained);
        logCompletion(subject, result);
        return result;
    }

    /**
     * A tenant with no more than a first chunk of rows in any table, deleted in one statement: the
     * statement first counts, in each table, up to one row more than a chunk takes, and only when
     * every table holds no more than that does it pick and delete them all and add the counts to
     * the run's. The foreign keys are checked at the statement's end, when children and parents
     * are gone alike, so the plan's order needs no statement of its own per table. Answers the
     * run's counts per table (with those of earlier calls of the run); null when the tenant is
     * larger (nothing was deleted: its tables go chunk by chunk), or when a row was left that a
     * deleted one referenced (one written meanwhile: the statement failed as a whole).
     */
    private Map<String, Long> deleteSmallTenant(UUID tenantId, UUID runId) {
        List<String> tables = plan.tenantTables();
        if (tables.isEmpty()) {
            return null;
        }
        int rows = sizing.firstRows();
        StringBuilder sql = new StringBuilder("with ");
        List<Object> parameters = new ArrayList<>();
        StringBuilder small = new StringBuilder("small as (select ");
        for (int i = 0; i < tables.size(); i++) {
            sql.append("k").append(i).append(" as (select count(*) as k from (select 1 from ").append(qualified(tables.get(i)))
                    .append(" where tenant_id = ? limit ?) x), ");
            parameters.add(tenantId);
            parameters.add(rows + 1);
            small.append(i == 0 ? "" : " and ").append("(select k from k").append(i).append(") <= ").append(rows);
        }
        sql.append(small).append(" as ok), ");
        for (int i = 0; i < tables.size(); i++) {
            String table = qualified(tables.get(i));
            sql.append("p").append(i).append(" as materialized (select case when (select ok from small) then array(select ctid from ")
                    .append(table).append(" where tenant_id = ?) else '{}'::tid[] end as ctids), d").append(i)
                    .append(" as (delete from ").append(table).append(" where ctid = any((select ctids from p").append(i)
                    .append(")::tid[]) returning 1), ");
            parameters.add(tenantId);
        }
        sql.append("chunk (t, n, picked) as (values ");
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(cast(? as text), (select count(*) from d").append(i)
                    .append("), (select cardinality(ctids) from p").append(i).append("))");
            parameters.add(qualified(tables.get(i)));
        }
        sql.append("), counted as (").append(runCounts.upsert()).append(" select ?, t, n, 0, now() from chunk where n > 0")
                .append(DeletionRunCounts.onConflict()).append(") select t, n, picked, n + coalesce((select c.deleted from ")
                .append(runCounts.table()).append(" c where c.run_id = ? and c.table_name = t), 0), (select ok from small)")
                .append(" from chunk");
        parameters.add(runId);
        parameters.add(runId);
        Map<String, Long> deleted = new LinkedHashMap<>();
        boolean[] all = {true};
        try {
            ThroughIndexes.count(database, () -> {
                database.jdbc().query(sql.toString(), rs -> {
                    all[0] &= rs.getBoolean(5) && rs.getLong(2) == rs.getLong(3);
                    deleted.put(rs.getString(1), rs.getLong(4));
                }, parameters.toArray());
                return null;
            });
        } catch (DataIntegrityViolationException rowWrittenMeanwhile) {
            return null;
        }
        return all[0] ? deleted : null;
    }

    private List<DeletionPlan.UserColumn> userColumns(DeletionPlan.UserColumn.Action action) {
        return plan.userColumns().stream().filter(column -> column.action() == action).toList();
    }

    private void deleteChunked(String table, PersonMatch match, String column, UUID runId, boolean gateEveryChunk) {
        String changed = "delete from " + qualified(table)
                + " where ctid = any((select ctids from picked)::tid[]) returning 1";
        repeatCounted(changed, "n, 0", table, match, column + " delete", runId, new Object[0], gateEveryChunk);
    }

    private void anonymiseChunked(DeletionPlan.UserColumn column, UUID id, UUID runId) {
        PersonMatch replacement = PersonMatch.replacement(column.column(), column.shape(), id, UserTombstone.ID);
        String changed = "update " + qualified(column.table()) + " set " + replacement.condition()
                + " where ctid = any((select ctids from picked)::tid[]) returning 1";
        repeatCounted(changed, "0, n", column.table(), PersonMatch.declared(column.column(), column.shape(), id),
                column.column() + " anonymise", runId, replacement.parameters().toArray(), false);
    }

    /**
     * What one chunk statement picked and changed, and how long it ran (from when it got its turn
     * at the gate to its commit: not the wait for the turn).
     */
    private record Chunk(long changed, long picked, long nanos) {
    }

    /**
     * The chunk's rows (parameters: those of {@code match}, the chunk size) as the CTE
     * {@code picked}, with its comma. The array is cast where it is used so that {@code any} reads
     * it as an array, not as a subquery of arrays.
     */
    private String picked(String table, PersonMatch match) {
        return "picked as materialized (select array(select ctid from " + qualified(table) + " where " + match.condition()
                + " limit ?) as ctids), ";
    }

    /**
     * Runs the chunk statement {@code changed} (parameters: {@code before}) on the rows picked
     * (parameters: those of {@code match}, the chunk size) until it is done, each time adding its
     * count to the run's counts in the same statement: a chunk and its count commit together or not
     * at all, whatever size the chunk had.
     *
     * <p>Every pick walks the index that leads with the subject's column from its start
     * ({@link ThroughIndexes}): it passes first the entries of the rows the chunk before changed,
     * which it marks dead in the index as it goes (once no transaction can see those rows any more),
     * so the next pick skips them without visiting the table, and then takes the next rows. A pick
     * thus costs about the rows of its chunk, wherever the subject's rows are in the table and
     * however many other rows the table holds; walking the table's heap instead (a scan, or
     * picking past the last row reached) reads other tenants' rows, and once the subject's rows
     * are gone, the rest of the table. Done is a pick that found fewer rows than it asked for and
     * changed every one it picked: the table held no more rows of the subject when it ran (a row
     * written later is the verification's to find). A picked row that a concurrent update moved is
     * not changed, so a later pick finds it again.
     */
    private void repeatCounted(String changed, String countColumns, String table, PersonMatch match, String what,
                               UUID runId, Object[] before, boolean gateEveryChunk) {
        int picking = match.parameters().size();
        Object[] parameters = new Object[picking + before.length + 3];
        for (int i = 0; i < picking; i++) {
            parameters[i] = match.parameters().get(i);
        }
        System.arraycopy(before, 0, parameters, picking + 1, before.length);
        parameters[picking + 1 + before.length] = runId;
        parameters[picking + 2 + before.length] = qualified(table);
        String key = table + "." + what;
        String sql = chunkSql(picked(table, match), changed, countColumns);
        int rows = sizing.start(learnedRows.get(key));
        for (int chunks = 0; ; chunks++) {
            parameters[picking] = rows;
            Chunk chunk = runChunk(sql, parameters, gateEveryChunk || chunks > 0 || rows > sizing.firstRows());
            if (chunk.picked() < rows) {
                if (chunk.changed() == chunk.picked()) {
                    return;
                }
                continue;
            }
            // Sized by the statement's own time: a wait at the gate says nothing about what a row costs.
            rows = sizing.next(rows, chunk.changed(), chunk.nanos());
            learnedRows.put(key, rows);
        }
    }

    /**
     * The chunk statement: the rows {@code picked} (a CTE with the array {@code ctids}) are
     * {@code changed}, and the count is added to the run's counts in the same statement. It answers
     * the rows changed and the rows picked.
     */
    private String chunkSql(String picked, String changed, String countColumns) {
        return "with " + picked + "changed as (" + changed + "), chunk as (select count(*) as n from changed),"
                + " counted as (" + runCounts.upsert() + " select ?, ?, " + countColumns + ", now() from chunk where n > 0"
                + DeletionRunCounts.onConflict() + ") select n, (select cardinality(ctids) from picked) from chunk";
    }

    /**
     * Runs one chunk statement; a {@code long} one (any chunk of a tenant too large for one
     * statement, a table's chunk after its first, or a first one larger than the first chunk size)
     * waits for the {@link ChunkGate}.
     */
    private Chunk runChunk(String sql, Object[] parameters, boolean longOne) {
        Supplier<Chunk> statement = () -> {
            long started = System.nanoTime();
            long[] counts = ThroughIndexes.pick(database, () -> database.jdbc().queryForObject(sql,
                    (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, parameters));
            return new Chunk(counts[0], counts[1], System.nanoTime() - started);
        };
        return longOne ? gate.pass(statement) : statement.get();
    }

    private String qualified(String table) {
        return database.schema() + "." + table;
    }

    private void logCompletion(DeletionSubject subject, DeletionResult result) {
        String key = subject.scope() == DeletionScope.TENANT ? "tenant_id" : "user_id";
        try (var ignored = MDC.putCloseable(key, subject.id().toString())) {
            log.atInfo()
                    .addKeyValue("service", service())
                    .addKeyValue(key, subject.id())
                    .addKeyValue("rows_deleted", result.totalDeleted())
                    .addKeyValue("rows_anonymised", result.totalAnonymised())
                    .addKeyValue("duration_ms", result.durationMs())
                    .log("Deleted {} data of {} in {}: {} rows deleted {}, {} anonymised {}, in {} ms",
                            subject.scope().pathSegment(), subject.id(), service(), result.totalDeleted(),
                            result.deleted(), result.totalAnonymised(), result.anonymised(), result.durationMs());
        }
    }
}
