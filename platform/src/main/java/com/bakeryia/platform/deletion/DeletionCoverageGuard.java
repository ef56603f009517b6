package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * Compares the live catalog of a service's schema ({@link SchemaCatalog}: tables, materialized views
 * and foreign tables) with its deletion plan (an empty plan when the service declares none), for
 * every schema of the process. It fails, naming them, on:
 *
 * <ul>
 *   <li>a relation with a {@code tenant_id} column that the plan does not declare, or that the
 *       engine is to empty but is not a table (a materialized view is refreshed, not deleted from);</li>
 *   <li>a column that names a person ({@code user_id}, {@code *_user_id}, {@code *_by},
 *       {@code assigned_to}, and arrays {@code user_ids}, {@code *_user_ids}:
 *       {@link #USER_COLUMN_PATTERN}) or holds an e-mail address ({@code email}, {@code *_email}:
 *       {@link #EMAIL_COLUMN_PATTERN}) that the plan does not declare;</li>
 *   <li>any other column that may hold an id ({@link SchemaCatalog}: a {@code uuid}, a
 *       {@code uuid[]}, a JSON document, text named as an id) and is neither its table's own
 *       primary key nor part of a foreign key (which say what it names) nor declared: a person's
 *       id could hide there, and the scan after a person's erasure looks only at the columns that
 *       can name one;</li>
 *   <li>a column the plan declares with a shape its type does not have (a value, an array
 *       element, a document), or a document column that names a person without the paths of the
 *       ids in it;</li>
 *   <li>a column that is looked up by a subject's id ({@code tenant_id} of a relation deleted from
 *       or scanned, and every declared person's column the engine or the scan reads) with no index
 *       that leads with it (a B-tree for a value, GIN for an array or a document): without one,
 *       each chunk and each check would read the whole table, so a deletion's cost would grow with
 *       the platform instead of with what the subject left;</li>
 *   <li>a declared table or column that does not exist (a stale or misspelt plan).</li>
 * </ul>
 *
 * Flyway's history tables, whose {@code installed_by} is a database role, and the platform's
 * {@link DeletionRunCounts} (runs and counts) are not service data.
 * This is what stops the classic orphaned-rows failure: a table nobody remembered.
 */
public final class DeletionCoverageGuard {

    /** Columns that hold a user id (or an array of them), by name. */
    public static final String USER_COLUMN_PATTERN = "^(user_id|user_ids|assigned_to|.*_user_id|.*_user_ids|.*_by)$";

    /** Columns that hold e-mail addresses, by name; an address identifies a person as well as their id. */
    public static final String EMAIL_COLUMN_PATTERN = "^(email|.*_email)$";

    private static final Pattern EMAIL_COLUMN = Pattern.compile(EMAIL_COLUMN_PATTERN);

    private DeletionCoverageGuard() {
    }

    /** Throws {@link UncoveredTableException} when the plan and the schema disagree. */
    public static void check(ServiceDatabase database, DeletionPlan plan) {
        String schema = database.schema();
        List<SchemaCatalog.Column> catalog = SchemaCatalog.read(database, false);
        Set<String> columns = new LinkedHashSet<>();
        Map<String, String> relkinds = new LinkedHashMap<>();
        catalog.forEach(column -> {
            columns.add(column.table() + "." + column.name());
            relkinds.put(column.table(), column.relkind());
        });

        List<String> problems = new ArrayList<>();
        Set<String> declaredTables = plan.declaredTenantTables();
        Set<String> engineTables = new LinkedHashSet<>(plan.tenantTables());
        Set<String> retainedTables = new LinkedHashSet<>();
        plan.outsideEngine().stream().filter(entry -> entry.column().equals("tenant_id")
                        && entry.handling() == DeletionPlan.OutsideEngine.Handling.RETAINED)
                .forEach(entry -> retainedTables.add(entry.table()));
        Set<String> declaredColumns = plan.declaredColumns();
        Map<String, DeletionPlan.Shape> personShapes = plan.personColumnShapes();
        for (SchemaCatalog.Column column : catalog) {
            String key = column.table() + "." + column.name();
            String where = column.relkind().equals("r") || column.relkind().equals("p") ? ""
                    : column.relationKind() + ", ";
            if (column.name().equals("tenant_id")) {
                if (!declaredTables.contains(column.table())) {
                    problems.add(schema + "." + column.table() + " (" + where + "tenant_id)");
                } else if (plan.engineRuns() && engineTables.contains(column.table()) && !where.isEmpty()) {
                    problems.add(schema + "." + column.table() + " (" + where + "listed in the plan's tenant tables, but the"
                            + " engine can delete only from a table: declare it handled by the service, which refreshes it)");
                } else if (!retainedTables.contains(column.table()) && lacksIndex(column, DeletionPlan.Shape.VALUE)) {
                    problems.add(schema + "." + column.table() + " (tenant_id leads no index: every deletion and scan of a"
                            + " tenant would read the whole " + column.relationKind() + ")");
                }
            } else if (column.namesPerson() && !declaredColumns.contains(key)) {
                problems.add(schema + "." + key + " (" + where + "names a user)");
            } else if (EMAIL_COLUMN.matcher(column.name()).matches() && !declaredColumns.contains(key)) {
                problems.add(schema + "." + key + " (" + where + "holds an e-mail address)");
            } else if (column.mayHoldId() && !declaredColumns.contains(key) && !column.primaryKey() && !column.foreignKey()) {
                problems.add(schema + "." + key + " (" + where + describe(column) + " that no rule names: declare it, as a"
                        + " person's column or retained with what it names)");
            }
            // An e-mail column the service handles is looked up by address, not by id: no shape to check.
            DeletionPlan.Shape shape = column.mayHoldId() ? personShapes.get(key) : null;
            if (shape != null) {
                String mismatch = mismatch(column, shape);
                if (mismatch != null) {
                    problems.add(schema + "." + key + " (" + mismatch + ")");
                } else if (lacksIndex(column, shape)) {
                    problems.add(schema + "." + key + " (names a user, but no " + (shape.kind() == DeletionPlan.Shape.Kind.VALUE
                            ? "B-tree" : "GIN") + " index leads with it: a person's erasure would read the whole "
                            + column.relationKind() + " for it)");
                }
            } else if (column.kind() == SchemaCatalog.Kind.DOCUMENT && column.namesPerson() && declaredColumns.contains(key)
                    && !retainedColumn(plan, key)) {
                problems.add(schema + "." + key + " (a document naming a user, declared without the paths of the ids in it)");
            }
        }
        declaredTables.stream().filter(table -> !columns.contains(table + ".tenant_id"))
                .forEach(table -> problems.add(schema + "." + table + (relkinds.containsKey(table)
                        ? " (listed in the plan, but has no tenant_id column)"
                        : " (listed in the plan, but is no table, materialized view or foreign table of the schema)")));
        declaredColumns.stream().filter(column -> !columns.contains(column))
                .forEach(column -> problems.add(schema + "." + column + " (declared column does not exist)"));

        if (!problems.isEmpty()) {
            throw new UncoveredTableException(plan.service(), problems);
        }
    }

    private static boolean retainedColumn(DeletionPlan plan, String key) {
        return plan.outsideEngine().stream().anyMatch(entry -> (entry.table() + "." + entry.column()).equals(key)
                && entry.handling() == DeletionPlan.OutsideEngine.Handling.RETAINED);
    }

    private static String describe(SchemaCatalog.Column column) {
        return switch (column.kind()) {
            case UUID -> "a uuid";
            case UUID_ARRAY -> "a uuid[] whose elements may be ids";
            case DOCUMENT -> "a JSON document that may hold ids";
            case TEXT, TEXT_ARRAY -> "text named as an id";
            case OTHER -> "a column";
        };
    }

    /** Why the declared shape does not fit the column's type, or null when it does. */
    private static String mismatch(SchemaCatalog.Column column, DeletionPlan.Shape shape) {
        boolean fits = switch (shape.kind()) {
            case VALUE -> column.kind() == SchemaCatalog.Kind.UUID || column.kind() == SchemaCatalog.Kind.TEXT;
            case ARRAY -> column.kind().array();
            case DOCUMENT -> column.kind() == SchemaCatalog.Kind.DOCUMENT;
        };
        return fits ? null : "declared as holding ids as " + shape.kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", but its type holds " + column.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Whether no index that a lookup by an id in this shape can use leads with the column (a foreign table has none). */
    private static boolean lacksIndex(SchemaCatalog.Column column, DeletionPlan.Shape shape) {
        if (column.relkind().equals("f")) {
            return false;
        }
        List<String> usable = shape.kind() == DeletionPlan.Shape.Kind.VALUE ? List.of("btree", "hash") : List.of("gin");
        return column.indexes().stream().noneMatch(usable::contains);
    }
}
