package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.data.ServiceDatabase;

/**
 * The independent check after a deletion: reads the live catalog of a service's schema (not its
 * deletion plan) and counts the rows that still name the subject.
 *
 * <ul>
 *   <li>A tenant: every base table with a {@code tenant_id} column holds 0 rows of it.</li>
 *   <li>A user: every {@code uuid} column, and every column named like a person's id
 *       ({@link DeletionCoverageGuard#USER_COLUMN_PATTERN}, whatever its type, compared as text),
 *       holds 0 references to them.</li>
 * </ul>
 *
 * A table created after start-up, or one a plan forgot, is found all the same. Columns the plan
 * declares retained (records that outlive their subject, with the reason) and the platform's own
 * bookkeeping ({@link DeletionRunCounts}, the migration histories) are left out, and listed as such.
 * One statement for all of them: every table's columns are counted together.
 */
public final class CatalogScan {

    private static final Pattern USER_COLUMN = Pattern.compile(DeletionCoverageGuard.USER_COLUMN_PATTERN);
    private static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history", DeletionRunCounts.HISTORY_TABLE,
            DeletionRunCounts.TABLE);

    private CatalogScan() {
    }

    public static DeletionScan scan(String service, ServiceDatabase database, DeletionPlan plan, DeletionSubject subject) {
        String schema = database.schema();
        Set<String> retained = plan.outsideEngine().stream()
                .filter(entry -> entry.handling() == DeletionPlan.OutsideEngine.Handling.RETAINED)
                .map(entry -> entry.table() + "." + entry.column()).collect(Collectors.toCollection(TreeSet::new));
        Map<String, List<Column>> columnsByTable = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        // The system catalog itself, what information_schema.columns is a view of (base tables are
        // relkind r and p, a domain counts as its base type), read without that view's per-row
        // privilege checks: a few milliseconds rather than tens, on every step of every job. For a
        // tenant only the tenant_id columns are read (found through pg_attribute's name index).
        database.jdbc().query("""
                select c.relname, a.attname,
                  (case when t.typtype = 'd' then t.typbasetype else t.oid end) = 'uuid'::regtype as is_uuid
                from pg_catalog.pg_attribute a
                join pg_catalog.pg_class c on c.oid = a.attrelid
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                join pg_catalog.pg_type t on t.oid = a.atttypid
                where n.nspname = ? and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
                  and (? or a.attname = 'tenant_id')
                order by c.relname, a.attnum""",
                rs -> {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    boolean uuid = rs.getBoolean(3);
                    boolean scanned = subject.scope() == DeletionScope.TENANT ? column.equals("tenant_id")
                            : uuid || USER_COLUMN.matcher(column).matches();
                    if (!scanned || BOOKKEEPING.contains(table)) {
                        return;
                    }
                    if (retained.contains(table + "." + column)) {
                        skipped.add(schema + "." + table + "." + column);
                        return;
                    }
                    columnsByTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new Column(column, uuid));
                }, schema, subject.scope() == DeletionScope.USER);
        Map<String, Long> found = new LinkedHashMap<>();
        int columns = 0;
        // Every table in one statement (one row of counts, a column per scanned column): one round
        // trip per service. Each table's conditions appear again as its filter, so each can use an
        // index on its column.
        List<String> counts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<Column>> table : columnsByTable.entrySet()) {
            columns += table.getValue().size();
            StringBuilder sql = new StringBuilder("(select");
            for (int i = 0; i < table.getValue().size(); i++) {
                Column column = table.getValue().get(i);
                sql.append(i == 0 ? " " : ", ").append("count(*) filter (where ").append(column.condition()).append(")");
                parameters.add(column.parameter(subject));
                names.add(schema + "." + table.getKey() + "." + column.name());
            }
            sql.append(" from ").append(quoted(schema)).append(".").append(quoted(table.getKey())).append(" where ")
                    .append(table.getValue().stream().map(Column::condition).collect(Collectors.joining(" or ")))
                    .append(") t").append(counts.size());
            table.getValue().forEach(column -> parameters.add(column.parameter(subject)));
            counts.add(sql.toString());
        }
        if (!counts.isEmpty()) {
            database.jdbc().query("select * from " + String.join(" cross join ", counts), rs -> {
                for (int i = 0; i < names.size(); i++) {
                    long rows = rs.getLong(i + 1);
                    if (rows > 0) {
                        found.put(names.get(i), rows);
                    }
                }
            }, parameters.toArray());
        }
        return new DeletionScan(service, subject.scope(), subject.id(), columnsByTable.size(), columns, found, skipped);
    }

    /** A catalog name as an SQL identifier, whatever it holds (a table made by hand may have any name). */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private record Column(String name, boolean uuid) {

        String condition() {
            return uuid ? quoted(name) + " = ?" : quoted(name) + "::text = ?";
        }

        Object parameter(DeletionSubject subject) {
            return uuid ? subject.id() : subject.id().toString();
        }
    }
}
