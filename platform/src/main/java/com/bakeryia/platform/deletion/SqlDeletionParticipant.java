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
 * holds locks on an unbounded set and a crash loses at most one short chunk of work.
 */
public class SqlDeletionParticipant implements DeletionParticipant {

    private static final Logger log = LoggerFactory.getLogger(SqlDeletionParticipant.class);

    private final ServiceDatabase database;
    private final DeletionPlan plan;
    private final int batchSize;
    private final Clock clock;

    public SqlDeletionParticipant(ServiceDatabase database, DeletionPlan plan, int batchSize, Clock clock) {
        this.database = database;
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
    public DeletionResult delete(DeletionSubject subject) {
        Instant startedAt = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> anonymised = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.TENANT) {
            for (String table : plan.tenantTables()) {
                deleted.put(qualified(table), deleteChunked(table, "tenant_id", subject.id()));
            }
        } else {
            // Deletions first: a row that is the user's own should go, not be anonymised first.
            for (DeletionPlan.UserColumn column : userColumns(DeletionPlan.UserColumn.Action.DELETE)) {
                deleted.merge(qualified(column.table()), deleteChunked(column.table(), column.column(), subject.id()), Long::sum);
            }
            for (DeletionPlan.UserColumn column : userColumns(DeletionPlan.UserColumn.Action.ANONYMISE)) {
                anonymised.merge(qualified(column.table()), anonymiseChunked(column, subject.id()), Long::sum);
            }
        }
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

    private long deleteChunked(String table, String column, UUID id) {
        String sql = "delete from " + qualified(table) + " where ctid = any(array(select ctid from "
                + qualified(table) + " where " + column + " = ? limit ?))";
        long total = 0;
        int removed;
        do {
            removed = database.jdbc().update(sql, id, batchSize);
            total += removed;
        } while (removed > 0);
        return total;
    }

    private long anonymiseChunked(DeletionPlan.UserColumn column, UUID id) {
        String table = qualified(column.table());
        String sql = "update " + table + " set " + column.column() + " = ? where ctid = any(array(select ctid from "
                + table + " where " + column.column() + " = ? limit ?))";
        long total = 0;
        int changed;
        do {
            changed = database.jdbc().update(sql, UserTombstone.ID, id, batchSize);
            total += changed;
        } while (changed > 0);
        return total;
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
