package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's declaration of every table and column of its schema that the coverage guard looks
 * at (every table with {@code tenant_id}, every column that names a person or holds an e-mail
 * address), each with what deletion does to it. The engine runs the plan unless the service deletes
 * with its own code ({@link #forServiceWithOwnDeletion}); either way the guard checks the schema
 * against it, and a schema without a plan is checked against an empty one.
 *
 * <ul>
 *   <li>{@code tenantTables}: tables the engine empties of a tenant's rows, in an order that
 *       respects foreign keys (children before parents).</li>
 *   <li>{@code userColumns}: columns naming a person that the engine handles in a user deletion:
 *       the rows are deleted ({@link UserColumn.Action#DELETE}) or the id is replaced with the
 *       tombstone ({@link UserColumn.Action#ANONYMISE}).</li>
 *   <li>{@code outsideEngine}: tables and columns the engine does not touch, with the reason:
 *       handled by the service's own code ({@link OutsideEngine.Handling#BY_SERVICE}, saying how),
 *       or left as they are ({@link OutsideEngine.Handling#RETAINED}: a deletion record that must
 *       outlive its subject, or a value that names no platform user, saying why). A tenant table
 *       is declared with the column {@code tenant_id}.</li>
 * </ul>
 *
 * @param service       the service name
 * @param engineRuns    whether the engine deletes by this plan (false: the service has its own code)
 * @param tenantTables  table names (without schema), children first
 * @param userColumns   columns that hold a user id, each with what a user deletion does to it
 * @param outsideEngine tables and columns the engine leaves to the service or keeps, with the reason
 */
public record DeletionPlan(String service, boolean engineRuns, List<String> tenantTables, List<UserColumn> userColumns,
                           List<OutsideEngine> outsideEngine) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public DeletionPlan {
        tenantTables = List.copyOf(tenantTables);
        userColumns = List.copyOf(userColumns);
        outsideEngine = List.copyOf(outsideEngine);
        tenantTables.forEach(DeletionPlan::requireIdentifier);
        userColumns.forEach(column -> {
            requireIdentifier(column.table());
            requireIdentifier(column.column());
        });
        if (new LinkedHashSet<>(tenantTables).size() != tenantTables.size()) {
            throw new IllegalArgumentException("A table is listed twice in the deletion plan of " + service);
        }
        if (engineRuns && outsideEngine.stream().anyMatch(entry -> entry.handling() == OutsideEngine.Handling.BY_SERVICE)) {
            throw new IllegalArgumentException("The deletion plan of " + service + " is run by the engine, so nothing in it"
                    + " can be handled by the service's own code: declare the plan with forServiceWithOwnDeletion");
        }
        Set<String> engineColumns = new LinkedHashSet<>();
        tenantTables.forEach(table -> engineColumns.add(table + ".tenant_id"));
        userColumns.forEach(column -> engineColumns.add(column.table() + "." + column.column()));
        Set<String> seen = new LinkedHashSet<>();
        for (OutsideEngine entry : outsideEngine) {
            String column = entry.table() + "." + entry.column();
            if (engineColumns.contains(column) || !seen.add(column)) {
                throw new IllegalArgumentException(column + " is declared twice in the deletion plan of " + service);
            }
        }
    }

    /** A plan the engine runs: the service's participant is the engine's {@link SqlDeletionParticipant}. */
    public static Builder forService(String service) {
        return new Builder(service, true);
    }

    /**
     * A plan the engine does not run, for a service that deletes with its own code (its own
     * {@code DeletionParticipant}, or, for the orchestrator's job store, the orchestrator itself):
     * it only declares to the coverage guard what is in the schema and who handles it.
     */
    public static Builder forServiceWithOwnDeletion(String service) {
        return new Builder(service, false);
    }

    static String requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }

    /** Tables declared as holding tenant rows: the engine's and those handled or retained otherwise. */
    Set<String> declaredTenantTables() {
        Set<String> declared = new LinkedHashSet<>(tenantTables);
        outsideEngine.stream().filter(entry -> entry.column().equals("tenant_id")).forEach(entry -> declared.add(entry.table()));
        return declared;
    }

    /** {@code table.column} of every declared column other than {@code tenant_id}. */
    Set<String> declaredColumns() {
        Set<String> declared = new LinkedHashSet<>(coveredUserColumns());
        outsideEngine.stream().filter(entry -> !entry.column().equals("tenant_id"))
                .forEach(entry -> declared.add(entry.table() + "." + entry.column()));
        return declared;
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

    /**
     * A table ({@code column} = {@code tenant_id}) or column the engine does not touch.
     *
     * @param table    table name (without schema)
     * @param column   column name
     * @param handling who handles it, if anyone
     * @param reason   how the service handles it, or why it is kept; shown to whoever reads the plan
     */
    public record OutsideEngine(String table, String column, Handling handling, String reason) {

        public OutsideEngine {
            requireIdentifier(table);
            requireIdentifier(column);
            Objects.requireNonNull(handling, "handling");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException(table + "." + column + " needs the reason it is outside the engine");
            }
        }

        /** Who handles the table or column. */
        public enum Handling {
            /** The service's own deletion code deletes or anonymises it; the reason says how and when. */
            BY_SERVICE,
            /** Nobody: it outlives the subject it might name (a deletion record), or names no platform user. */
            RETAINED
        }
    }

    /** Builds a plan in declaration order. */
    public static final class Builder {

        private final String service;
        private final boolean engineRuns;
        private final List<String> tenantTables = new ArrayList<>();
        private final List<UserColumn> userColumns = new ArrayList<>();
        private final List<OutsideEngine> outsideEngine = new ArrayList<>();

        private Builder(String service, boolean engineRuns) {
            this.service = service;
            this.engineRuns = engineRuns;
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

        /**
         * {@code table.column} (a tenant table when the column is {@code tenant_id}) is deleted or
         * anonymised by the service's own code, as {@code how} says; only in a plan the engine does
         * not run.
         */
        public Builder handledByService(String table, String column, String how) {
            outsideEngine.add(new OutsideEngine(table, column, OutsideEngine.Handling.BY_SERVICE, how));
            return this;
        }

        /** {@code table.column} is kept by every deletion, for the reason given. */
        public Builder retained(String table, String column, String reason) {
            outsideEngine.add(new OutsideEngine(table, column, OutsideEngine.Handling.RETAINED, reason));
            return this;
        }

        public DeletionPlan build() {
            return new DeletionPlan(service, engineRuns, tenantTables, userColumns, outsideEngine);
        }
    }
}
