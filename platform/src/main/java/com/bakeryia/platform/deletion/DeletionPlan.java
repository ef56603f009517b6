package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's declaration of what belongs to a tenant or a user, read by the engine.
 *
 * <ul>
 *   <li>{@code tenantTables}: every table with a {@code tenant_id} column, in an order that
 *       respects foreign keys (children before parents); a tenant deletion empties them in that
 *       order.</li>
 *   <li>{@code userColumns}: every column that names a person; a user deletion deletes the rows
 *       ({@link UserColumn.Action#DELETE}) or replaces the id with the tombstone
 *       ({@link UserColumn.Action#ANONYMISE}).</li>
 * </ul>
 *
 * @param service      the service name
 * @param tenantTables table names (without schema), children first
 * @param userColumns  columns that hold a user id, each with what a user deletion does to it
 */
public record DeletionPlan(String service, List<String> tenantTables, List<UserColumn> userColumns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public DeletionPlan {
        tenantTables = List.copyOf(tenantTables);
        userColumns = List.copyOf(userColumns);
        tenantTables.forEach(DeletionPlan::requireIdentifier);
        userColumns.forEach(column -> {
            requireIdentifier(column.table());
            requireIdentifier(column.column());
        });
        if (new LinkedHashSet<>(tenantTables).size() != tenantTables.size()) {
            throw new IllegalArgumentException("A table is listed twice in the deletion plan of " + service);
        }
    }

    public static Builder forService(String service) {
        return new Builder(service);
    }

    static String requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }

    Set<String> coveredUserColumns() {
        Set<String> covered = new LinkedHashSet<>();
        userColumns.forEach(column -> covered.add(column.table() + "." + column.column()));
        return covered;
    }

    /**
     * A column that holds a user id.
     *
     * @param table  table name (without schema)
     * @param column column name
     * @param action what a user deletion does to the rows that name the user
     */
    public record UserColumn(String table, String column, Action action) {

        public UserColumn {
            Objects.requireNonNull(action, "action");
        }

        /** What a user deletion does. */
        public enum Action {
            /** The row is the user's own (a preference, a notification to them): delete it. */
            DELETE,
            /** The row belongs to the tenant and stays: replace the id with the tombstone. */
            ANONYMISE
        }
    }

    /** Builds a plan in declaration order. */
    public static final class Builder {

        private final String service;
        private final List<String> tenantTables = new ArrayList<>();
        private final List<UserColumn> userColumns = new ArrayList<>();

        private Builder(String service) {
            this.service = service;
        }

        /** Tenant-scoped tables, children first: each is emptied of the tenant's rows before the next. */
        public Builder tenantTables(String... tables) {
            tenantTables.addAll(List.of(tables));
            return this;
        }

        /** Rows of {@code table} whose {@code column} is the user are the user's own: deleted. */
        public Builder deleteRowsOfUser(String table, String column) {
            userColumns.add(new UserColumn(table, column, UserColumn.Action.DELETE));
            return this;
        }

        /** {@code table.column} names a person in data that stays: anonymised to the tombstone. */
        public Builder anonymiseUser(String table, String column) {
            userColumns.add(new UserColumn(table, column, UserColumn.Action.ANONYMISE));
            return this;
        }

        public DeletionPlan build() {
            return new DeletionPlan(service, tenantTables, userColumns);
        }
    }
}
