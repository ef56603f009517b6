package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.bakeryia.platform.retention.RecordKind;

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
 * @param keptByLaw     kinds of record among the tenant tables that the law of the tenant's country may
 *                      oblige the bakery to keep ({@link RecordKind}): before a tenant's rows of such a
 *                      table are deleted, the engine copies what the retention catalogue keeps of them
 *                      into the schema's archive, {@value RetainedRecords#ARCHIVE}
 */
public record DeletionPlan(String service, boolean engineRuns, List<String> tenantTables, List<UserColumn> userColumns,
                           List<OutsideEngine> outsideEngine, List<RecordKind> keptByLaw) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public DeletionPlan(String service, boolean engineRuns, List<String> tenantTables, List<UserColumn> userColumns,
                        List<OutsideEngine> outsideEngine) {
        this(service, engineRuns, tenantTables, userColumns, outsideEngine, List.of());
    }

    public DeletionPlan {
        keptByLaw = List.copyOf(keptByLaw);
        for (RecordKind kind : keptByLaw) {
            if (!kind.service().equals(service) || !tenantTables.contains(kind.table()) || !engineRuns) {
                throw new IllegalArgumentException(kind + " (" + kind.service() + "." + kind.table() + ") cannot be kept by"
                        + " the deletion plan of " + service + ": only a tenant table of its own that the engine deletes");
            }
        }
        tenantTables = List.copyOf(tenantTables);
        userColumns = List.copyOf(userColumns);
        outsideEngine = List.copyOf(outsideEngine);
        tenantTables.forEach(DeletionPlan::requireIdentifier);
        userColumns.forEach(column -> {
            requireIdentifier(column.table());
            requireIdentifier(column.column());
        });
        Set<String> userColumnNames = new LinkedHashSet<>();
        userColumns.forEach(column -> {
            if (!userColumnNames.add(column.table() + "." + column.column())) {
                throw new IllegalArgumentException(column.table() + "." + column.column()
                        + " is declared twice in the deletion plan of " + service);
            }
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

    /**
     * How each declared column that can name a person holds the id ({@link Shape}), by
     * {@code table.column}: the plan's user columns and the columns handled by the service's own
     * code (not those retained, which nothing looks at).
     */
    Map<String, Shape> personColumnShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        userColumns.forEach(column -> shapes.put(column.table() + "." + column.column(), column.shape()));
        outsideEngine.stream().filter(entry -> entry.handling() == OutsideEngine.Handling.BY_SERVICE
                        && !entry.column().equals("tenant_id"))
                .forEach(entry -> shapes.put(entry.table() + "." + entry.column(), entry.shape()));
        return shapes;
    }

    Set<String> coveredUserColumns() {
        Set<String> covered = new LinkedHashSet<>();
        userColumns.forEach(column -> covered.add(column.table() + "." + column.column()));
        return covered;
    }

    /**
     * How a column holds a person's id: as its value ({@code uuid}, or text holding the id), as an
     * element of an array ({@code uuid[]}), or inside a JSON document ({@code jsonb}) at declared
     * paths. The coverage guard checks the shape against the column's type; the engine and the
     * catalog scan find the person by it, each through an index that leads with the column (a
     * B-tree for a value, GIN for an array or a document).
     *
     * @param kind  value, array element or document
     * @param paths for a document, where ids are: keys separated by dots, {@code []} after a key
     *              whose value is an array (of ids, or of objects holding the rest of the path);
     *              empty otherwise
     */
    public record Shape(Kind kind, List<String> paths) {

        private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[\\])?(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\])?)*");

        /** The id is the column's value. */
        public static final Shape VALUE = new Shape(Kind.VALUE, List.of());

        /** The id is an element of the column's array. */
        public static final Shape ARRAY = new Shape(Kind.ARRAY, List.of());

        public Shape {
            Objects.requireNonNull(kind, "kind");
            paths = List.copyOf(paths);
            if ((kind == Kind.DOCUMENT) == paths.isEmpty()) {
                throw new IllegalArgumentException("A document column needs the paths of the ids in it, and only a"
                        + " document column has paths");
            }
            paths.forEach(path -> {
                if (!PATH.matcher(path).matches()) {
                    throw new IllegalArgumentException("Not a document path (keys separated by dots, [] after an array):"
                            + " " + path);
                }
            });
        }

        /** Ids inside a JSON document, at these paths. */
        public static Shape document(String... paths) {
            return new Shape(Kind.DOCUMENT, List.of(paths));
        }

        /** How a column holds the id. */
        public enum Kind { VALUE, ARRAY, DOCUMENT }
    }

    /**
     * A column that holds a user id.
     *
     * @param table  table name (without schema)
     * @param column column name
     * @param action what a user deletion does to the rows that name the user
     * @param shape  how the column holds the id
     */
    public record UserColumn(String table, String column, Action action, Shape shape) {

        public UserColumn {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(shape, "shape");
        }

        /** A column whose value is the id. */
        public UserColumn(String table, String column, Action action) {
            this(table, column, action, Shape.VALUE);
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
     * @param shape    how the column holds a person's id, for the catalog scan (a column the
     *                 service handles); a value unless declared otherwise
     */
    public record OutsideEngine(String table, String column, Handling handling, String reason, Shape shape) {

        public OutsideEngine(String table, String column, Handling handling, String reason) {
            this(table, column, handling, reason, Shape.VALUE);
        }

        public OutsideEngine {
            requireIdentifier(table);
            requireIdentifier(column);
            Objects.requireNonNull(handling, "handling");
            Objects.requireNonNull(shape, "shape");
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
        private final List<RecordKind> keptByLaw = new ArrayList<>();

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
         * {@code table.column} is a column the engine finds the person in by its {@code shape} (an
         * array of ids, or ids inside a document): the rows are deleted, or the id is replaced by
         * the tombstone wherever it appears in the array or the document.
         */
        public Builder user(String table, String column, UserColumn.Action action, Shape shape) {
            userColumns.add(new UserColumn(table, column, action, shape));
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

        /** As {@link #handledByService(String, String, String)}, for a column holding ids as {@code shape} says. */
        public Builder handledByService(String table, String column, Shape shape, String how) {
            outsideEngine.add(new OutsideEngine(table, column, OutsideEngine.Handling.BY_SERVICE, how, shape));
            return this;
        }

        /** {@code table.column} is kept by every deletion, for the reason given. */
        public Builder retained(String table, String column, String reason) {
            outsideEngine.add(new OutsideEngine(table, column, OutsideEngine.Handling.RETAINED, reason));
            return this;
        }

        /**
         * Tenant tables that hold records the law of the tenant's country may oblige the bakery to
         * keep: a tenant deletion moves what the retention catalogue keeps of them, minimised, into
         * the schema's archive {@value RetainedRecords#ARCHIVE} (which the plan then declares,
         * retained until the purge at expiry) before it deletes them.
         */
        public Builder keptByLaw(RecordKind... kinds) {
            if (keptByLaw.isEmpty() && kinds.length > 0) {
                String archive = RetainedRecords.ARCHIVE;
                retained(archive, "tenant_id", "the tenant whose records the law keeps; read only by the platform's"
                        + " RECORDS_OFFICER, purged when retain_until passes");
                retained(archive, "record_id", "the id the kept record had in its table, not a person");
                retained(archive, "record", "the columns the retention catalogue keeps; a person's id there is the"
                        + " tombstone");
            }
            keptByLaw.addAll(List.of(kinds));
            return this;
        }

        public DeletionPlan build() {
            return new DeletionPlan(service, engineRuns, tenantTables, userColumns, outsideEngine, keptByLaw);
        }
    }
}
