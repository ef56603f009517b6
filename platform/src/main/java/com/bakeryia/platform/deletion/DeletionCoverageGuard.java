package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * Compares the live catalog of a service's schema with its deletion plan. A table with a
 * {@code tenant_id} column that the plan does not list, a listed table that does not exist, or a
 * column that names a person ({@code user_id}, {@code *_user_id}, {@code *_by},
 * {@code assigned_to}) without a declared action makes the check fail, naming them (Flyway's own
 * history table, whose {@code installed_by} is a database role, is not service data). This is what
 * stops the classic orphaned-rows failure: a table nobody remembered.
 */
public final class DeletionCoverageGuard {

    static final String USER_COLUMN_PATTERN = "^(user_id|assigned_to|.*_user_id|.*_by)$";

    private DeletionCoverageGuard() {
    }

    /** Throws {@link UncoveredTableException} when the plan and the schema disagree. */
    public static void check(ServiceDatabase database, DeletionPlan plan) {
        List<String> problems = new ArrayList<>();
        String schema = database.schema();
        List<String> tenantTables = database.jdbc().queryForList("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
                order by c.table_name""", String.class, schema);
        Set<String> planned = new HashSet<>(plan.tenantTables());
        tenantTables.stream().filter(table -> !planned.contains(table))
                .forEach(table -> problems.add(schema + "." + table + " (tenant_id)"));
        planned.stream().filter(table -> !tenantTables.contains(table)).sorted()
                .forEach(table -> problems.add(schema + "." + table + " (listed in the plan, but has no tenant_id column)"));

        List<String> userColumns = database.jdbc().queryForList("""
                select c.table_name || '.' || c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type = 'BASE TABLE' and c.column_name ~ ?
                  and c.table_name <> 'flyway_schema_history'
                order by 1""", String.class, schema, USER_COLUMN_PATTERN);
        Set<String> declared = plan.coveredUserColumns();
        userColumns.stream().filter(column -> !declared.contains(column))
                .forEach(column -> problems.add(schema + "." + column + " (names a user)"));
        declared.stream().filter(column -> !userColumns.contains(column)).sorted()
                .forEach(column -> problems.add(schema + "." + column + " (declared user column does not exist)"));

        if (!problems.isEmpty()) {
            throw new UncoveredTableException(plan.service(), problems);
        }
    }
}
