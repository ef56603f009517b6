package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * Compares the live catalog of a service's schema with its deletion plan (an empty plan when the
 * service declares none), for every schema of the process. It fails, naming them, on:
 *
 * <ul>
 *   <li>a table with a {@code tenant_id} column that the plan does not declare;</li>
 *   <li>a column that names a person ({@code user_id}, {@code *_user_id}, {@code *_by},
 *       {@code assigned_to}: {@link #USER_COLUMN_PATTERN}) or holds an e-mail address
 *       ({@code email}, {@code *_email}: {@link #EMAIL_COLUMN_PATTERN}) that the plan does not
 *       declare;</li>
 *   <li>a declared table or column that does not exist (a stale or misspelt plan).</li>
 * </ul>
 *
 * Flyway's history tables, whose {@code installed_by} is a database role, and the platform's
 * {@link DeletionRunCounts} (runs and counts) are not service data.
 * This is what stops the classic orphaned-rows failure: a table nobody remembered. The rules look
 * at names only, whatever the column's type ({@code tenant_deletions.deleted_by} is text).
 */
public final class DeletionCoverageGuard {

    /** Columns that hold a user id, by name. */
    public static final String USER_COLUMN_PATTERN = "^(user_id|assigned_to|.*_user_id|.*_by)$";

    /** Columns that hold e-mail addresses, by name; an address identifies a person as well as their id. */
    public static final String EMAIL_COLUMN_PATTERN = "^(email|.*_email)$";

    private static final Pattern USER_COLUMN = Pattern.compile(USER_COLUMN_PATTERN);
    private static final Pattern EMAIL_COLUMN = Pattern.compile(EMAIL_COLUMN_PATTERN);

    private DeletionCoverageGuard() {
    }

    /** Throws {@link UncoveredTableException} when the plan and the schema disagree. */
    public static void check(ServiceDatabase database, DeletionPlan plan) {
        String schema = database.schema();
        // One catalog query for the whole schema; every rule is applied to its answer.
        List<Map<String, Object>> catalog = database.jdbc().queryForList("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type = 'BASE TABLE' and c.table_name not in (?, ?, ?)
                order by c.table_name, c.column_name""", schema, "flyway_schema_history", DeletionRunCounts.HISTORY_TABLE,
                DeletionRunCounts.TABLE);
        Set<String> columns = new LinkedHashSet<>();
        catalog.forEach(row -> columns.add(row.get("table_name") + "." + row.get("column_name")));

        List<String> problems = new ArrayList<>();
        Set<String> declaredTables = plan.declaredTenantTables();
        Set<String> declaredColumns = plan.declaredColumns();
        for (String column : columns) {
            String table = column.substring(0, column.indexOf('.'));
            String name = column.substring(column.indexOf('.') + 1);
            if (name.equals("tenant_id") && !declaredTables.contains(table)) {
                problems.add(schema + "." + table + " (tenant_id)");
            } else if (USER_COLUMN.matcher(name).matches() && !declaredColumns.contains(column)) {
                problems.add(schema + "." + column + " (names a user)");
            } else if (EMAIL_COLUMN.matcher(name).matches() && !declaredColumns.contains(column)) {
                problems.add(schema + "." + column + " (holds an e-mail address)");
            }
        }
        declaredTables.stream().filter(table -> !columns.contains(table + ".tenant_id"))
                .forEach(table -> problems.add(schema + "." + table + " (listed in the plan, but has no tenant_id column)"));
        declaredColumns.stream().filter(column -> !columns.contains(column))
                .forEach(column -> problems.add(schema + "." + column + " (declared column does not exist)"));

        if (!problems.isEmpty()) {
            throw new UncoveredTableException(plan.service(), problems);
        }
    }
}
