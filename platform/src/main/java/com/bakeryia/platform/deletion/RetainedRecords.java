package com.bakeryia.platform.deletion;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.deletion.PurgedRows;
import com.bakeryia.deletion.RetainedRecord;
import com.bakeryia.deletion.RetainedRecordPage;
import com.bakeryia.deletion.RetainedRows;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.retention.Country;
import com.bakeryia.platform.retention.RecordKind;
import com.bakeryia.platform.retention.RetentionRule;
import com.bakeryia.platform.retention.TenantRetention;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's archive of the records the law keeps after its tenant's deletion, the table
 * {@value #ARCHIVE} of its schema: one row per kept record, holding only the columns the retention
 * catalogue keeps of it (a person's id the plan declares in the record becomes the tombstone; every
 * other column, names, e-mail, phone and notes among them, is not copied), with its legal basis,
 * the tenant's country, the catalogue's version and {@code retain_until}. The bakery's own
 * endpoints never read it: its records leave the bakery's reach when its deletion copies them here
 * and deletes them from their table.
 *
 * <p>Copying is idempotent and chunked: each statement copies up to a chunk of the tenant's rows not
 * yet in the archive (the archive's unique key is the table and the record's id), so a deletion that
 * died midway and runs again copies what is left, never twice. It runs before any of the tenant's
 * rows of the table are deleted.
 */
public final class RetainedRecords {

    /** The archive table's name in every schema that keeps records. */
    public static final String ARCHIVE = "retained_records";

    private static final int CHUNK_ROWS = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServiceDatabase database;
    private final DeletionPlan plan;
    private final TenantRetention retention;
    private final Clock clock;

    RetainedRecords(ServiceDatabase database, DeletionPlan plan, TenantRetention retention, Clock clock) {
        this.database = database;
        this.plan = plan;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * What a tenant deletion would keep, by {@code schema.table}: the tenant's rows of each kept
     * table whose rule keeps them, with the rule's basis and the latest {@code retain_until} among
     * them (from the latest of their dates).
     */
    Map<String, RetainedRows> preview(UUID tenantId) {
        Map<String, RetainedRows> kept = new LinkedHashMap<>();
        Country country = null;
        for (RecordKind kind : plan.keptByLaw()) {
            country = country == null ? retention.countryOf(tenantId) : country;
            RetentionRule rule = retention.rule(country, kind);
            if (!rule.retains()) {
                continue;
            }
            Country of = country;
            kept.put(qualified(kind.table()), ThroughIndexes.count(database, () -> database.jdbc().queryForObject(
                    "select count(*), max(" + kind.dateExpression() + ") from " + qualified(kind.table()) + " where tenant_id = ?",
                    (rs, n) -> new RetainedRows(rs.getLong(1), rule.basis(), of.code(),
                            rs.getDate(2) == null ? null : rule.retainUntil(rs.getDate(2).toLocalDate())), tenantId)));
        }
        return kept;
    }

    /**
     * Copies into the archive what the rules of the tenant's country keep of its rows in every kept
     * table; answers what the archive holds of the tenant per {@code schema.table} (with what
     * earlier calls copied).
     */
    Map<String, RetainedRows> keep(UUID tenantId) {
        if (plan.keptByLaw().isEmpty()) {
            return Map.of();
        }
        Country country = retention.countryOf(tenantId);
        for (RecordKind kind : plan.keptByLaw()) {
            RetentionRule rule = retention.rule(country, kind);
            if (rule.retains()) {
                copy(tenantId, country, rule);
            }
        }
        return held(tenantId);
    }

    /**
     * What the archive holds of the tenant, per {@code schema.table} the records came from: how
     * many, their basis and country (those of the deletion that kept them), the latest retain_until.
     */
    Map<String, RetainedRows> held(UUID tenantId) {
        Map<String, RetainedRows> held = new LinkedHashMap<>();
        database.jdbc().query("select source_table, count(*), min(basis), min(country), max(retain_until) from "
                + qualified(ARCHIVE) + " where tenant_id = ? group by source_table order by source_table", rs -> {
                    held.put(qualified(rs.getString(1)), new RetainedRows(rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getDate(5).toLocalDate()));
                }, tenantId);
        return held;
    }

    /** A page of the tenant's kept records, those after {@code after} in the archive, oldest first. */
    RetainedRecordPage read(UUID tenantId, long after, int limit) {
        List<RetainedRecord> items = database.jdbc().query("select id, tenant_id, source_table, record_id, record_kind,"
                + " record_date, retain_until, basis, country, catalogue_version, record::text as record from "
                + qualified(ARCHIVE) + " where tenant_id = ? and id > ? order by id limit ?", (rs, n) -> new RetainedRecord(
                rs.getLong("id"), rs.getObject("tenant_id", UUID.class), qualified(rs.getString("source_table")),
                rs.getObject("record_id", UUID.class), rs.getString("record_kind"), rs.getDate("record_date").toLocalDate(),
                rs.getDate("retain_until").toLocalDate(), rs.getString("basis"), rs.getString("country"),
                rs.getString("catalogue_version"), JSON.readValue(rs.getString("record"), new TypeReference<Map<String, Object>>() { })),
                tenantId, after, limit + 1);
        boolean more = items.size() > limit;
        List<RetainedRecord> page = more ? items.subList(0, limit) : items;
        return new RetainedRecordPage(page, more ? page.get(page.size() - 1).seq() : null);
    }

    /**
     * Deletes up to {@code limit} archived records whose retain_until is before the database's
     * date (UTC), in one statement; rows another purge holds are skipped, so concurrent purges
     * delete and count each record once. Answers what it deleted per {@code schema.table}.
     */
    Map<String, PurgedRows> purgeExpired(int limit) {
        Map<String, PurgedRows> purged = new LinkedHashMap<>();
        database.jdbc().query("with expired as (select id from " + qualified(ARCHIVE)
                + " where retain_until < (now() at time zone 'UTC')::date order by retain_until, id limit ? for update skip locked),"
                + " gone as (delete from " + qualified(ARCHIVE) + " r using expired e where r.id = e.id"
                + " returning r.source_table, r.retain_until)"
                + " select source_table, count(*), max(retain_until) from gone group by source_table order by source_table", rs -> {
                    purged.put(qualified(rs.getString(1)), new PurgedRows(rs.getLong(2), rs.getDate(3).toLocalDate()));
                }, limit);
        return purged;
    }

    /** The rows of each table, from what is or would be kept of it. */
    static Map<String, Long> rows(Map<String, RetainedRows> retention) {
        Map<String, Long> rows = new LinkedHashMap<>();
        retention.forEach((table, kept) -> rows.put(table, kept.rows()));
        return rows;
    }

    private void copy(UUID tenantId, Country country, RetentionRule rule) {
        RecordKind kind = rule.kind();
        List<String> fields = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId);
        parameters.add(kind.table());
        Set<String> kept = new LinkedHashSet<>(rule.kept());
        kept.forEach(column -> fields.add("'" + DeletionPlan.requireIdentifier(column) + "', " + column));
        List<Object> tombstones = new ArrayList<>();
        plan.userColumns().stream()
                .filter(column -> column.table().equals(kind.table()) && !kept.contains(column.column()))
                .forEach(column -> {
                    fields.add("'" + column.column() + "', case when " + column.column() + " is null then null else ?::uuid end");
                    tombstones.add(UserTombstone.ID);
                });
        String date = kind.dateExpression();
        String sql = "with picked as (select * from " + qualified(kind.table()) + " t where t.tenant_id = ? and not exists"
                + " (select 1 from " + qualified(ARCHIVE) + " r where r.source_table = ? and r.record_id = t.id) limit ?),"
                + " kept as (insert into " + qualified(ARCHIVE) + " (tenant_id, source_table, record_id, record_kind, record,"
                + " country, basis, catalogue_version, record_date, retain_until, retained_at)"
                + " select tenant_id, ?, id, ?, jsonb_build_object(" + String.join(", ", fields) + "), ?, ?, ?, " + date
                + ", make_date(extract(year from " + date + ")::int + ?, 12, 31), ? from picked"
                + " on conflict (source_table, record_id) do nothing returning 1)"
                + " select (select count(*) from picked), (select count(*) from kept)";
        parameters.add(CHUNK_ROWS);
        parameters.add(kind.table());
        parameters.add(kind.name());
        parameters.addAll(tombstones);
        parameters.add(country.code());
        parameters.add(rule.basis());
        parameters.add(retention.catalogue().version());
        parameters.add(rule.years());
        parameters.add(Timestamp.from(clock.instant()));
        while (true) {
            long picked = ThroughIndexes.pick(database, () -> database.jdbc().queryForObject(sql,
                    (rs, n) -> rs.getLong(1), parameters.toArray()));
            if (picked < CHUNK_ROWS) {
                return;
            }
        }
    }

    private String qualified(String table) {
        return database.schema() + "." + table;
    }
}
