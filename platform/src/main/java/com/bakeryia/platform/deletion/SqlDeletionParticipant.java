package com.bakeryia.platform.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a {@link DeletionPlan} against a service's database with set-based SQL. Rows are never
 * loaded into Java: each statement deletes (or anonymises) at most {@code batchSize} rows picked
 * by {@code ctid} and commits on its own, and is repeated until none are left, so no statement
 * holds locks on an unbounded set and a crash loses at most one short chunk of work. The same
 * statement adds the chunk's count to the run's counts ({@link DeletionRunCounts}), so the counts
 * of a run are exact across calls that died midway: what a call reports is read back from there.
 */
public class SqlDeletionParticipant implements DeletionParticipant {

    private static final Logger log = LoggerFactory.getLogger(SqlDeletionParticipant.class);

    private final ServiceDatabase database;
    private final DeletionPlan plan;
    private final int batchSize;
    private final Clock clock;
    private final DeletionRunCounts runCounts;

    public SqlDeletionParticipant(ServiceDatabase database, DeletionPlan plan, int batchSize, Clock clock) {
        this.database = database;
        this.runCounts = new DeletionRunCounts(database);
        this.plan = plan;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    @Override
    public String service() {
        return plan.service();
    }

    public DeletionPlan plan() {
        return plan;
    }

    @Override
    public DeletionPreview preview(DeletionSubject subject) {
        Map<String, Long> toDelete = new LinkedHashMap<>();
        Map<String, Long> toAnonymise = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.TENANT) {
            for (String table : plan.tenantTables()) {
                toDelete.put(qualified(table), count(table, "tenant_id", subject.id()));
            }
        } else {
            for (DeletionPlan.UserColumn column : plan.userColumns()) {
                var target = column.action() == DeletionPlan.UserColumn.Action.DELETE ? toDelete : toAnonymise;
                target.merge(qualified(column.table()), count(column.table(), column.column(), subject.id()), Long::sum);
            }
        }
        return new DeletionPreview(service(), subject.scope(), subject.id(), toDelete, toAnonymise, Map.of());
    }

    @Override
    public DeletionResult delete(DeletionSubject subject, UUID runId) {
        Instant startedAt = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> anonymised = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.TENANT) {
            for (String table : plan.tenantTables()) {
                deleteChunked(table, "tenant_id", subject.id(), runId);
                deleted.put(qualified(table), 0L);
            }
        } else {
            // Deletions first: a row that is the user's own should go, not be anonymised first.
            for (DeletionPlan.UserColumn column : userColumns(DeletionPlan.UserColumn.Action.DELETE)) {
                deleteChunked(column.table(), column.column(), subject.id(), runId);
                deleted.put(qualified(column.table()), 0L);
            }
            for (DeletionPlan.UserColumn column : userColumns(DeletionPlan.UserColumn.Action.ANONYMISE)) {
                anonymiseChunked(column, subject.id(), runId);
                anonymised.put(qualified(column.table()), 0L);
            }
        }
        // The run's counts, this call's and those of earlier calls of the run that died midway.
        deleted.putAll(runCounts.deleted(runId));
        anonymised.putAll(runCounts.anonymised(runId));
        Instant completedAt = clock.instant();
        var result = new DeletionResult(service(), subject.scope(), subject.id(), deleted, anonymised, Map.of(),
                List.of(), startedAt, completedAt, Duration.between(startedAt, completedAt).toMillis());
        logCompletion(subject, result);
        return result;
    }

    private List<DeletionPlan.UserColumn> userColumns(DeletionPlan.UserColumn.Action action) {
        return plan.userColumns().stream().filter(column -> column.action() == action).toList();
    }

    private long count(String table, String column, UUID id) {
        Long count = database.jdbc().queryForObject(
                "select count(*) from " + qualified(table) + " where " + column + " = ?", Long.class, id);
        return count == null ? 0 : count;
    }

    private void deleteChunked(String table, String column, UUID id, UUID runId) {
        String changed = "delete from " + qualified(table) + " where ctid = any(array(select ctid from "
                + qualified(table) + " where " + column + " = ? limit ?)) returning 1";
        repeatCounted(changed, "n, 0", table, id, runId, new Object[0]);
    }

    private void anonymiseChunked(DeletionPlan.UserColumn column, UUID id, UUID runId) {
        String table = qualified(column.table());
        String changed = "update " + table + " set " + column.column() + " = ? where ctid = any(array(select ctid from "
                + table + " where " + column.column() + " = ? limit ?)) returning 1";
        repeatCounted(changed, "0, n", column.table(), id, runId, new Object[] {UserTombstone.ID});
    }

    /**
     * Runs the chunk statement {@code changed} (parameters: {@code before}, the subject id, the
     * chunk size) until it changes nothing, each time adding its count to the run's counts in the
     * same statement: a chunk and its count commit together or not at all.
     */
    private void repeatCounted(String changed, String countColumns, String table, UUID id, UUID runId, Object[] before) {
        String sql = "with changed as (" + changed + "), chunk as (select count(*) as n from changed),"
                + " counted as (" + runCounts.upsert() + " select ?, ?, " + countColumns + ", now() from chunk where n > 0"
                + DeletionRunCounts.onConflict() + ") select n from chunk";
        Object[] parameters = new Object[before.length + 4];
        System.arraycopy(before, 0, parameters, 0, before.length);
        parameters[before.length] = id;
        parameters[before.length + 1] = batchSize;
        parameters[before.length + 2] = runId;
        parameters[before.length + 3] = qualified(table);
        long changedRows;
        do {
            Long chunk = database.jdbc().queryForObject(sql, Long.class, parameters);
            changedRows = chunk == null ? 0 : chunk;
        } while (changedRows > 0);
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
