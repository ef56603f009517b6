package com.bakeryia.platform.deletion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.ExportSource;
import com.bakeryia.deletion.ExportTable;
import com.bakeryia.platform.data.ServiceDatabase;

/**
 * A service's rows of a subject read from its own schema by its {@link DeletionPlan}, the same
 * declaration its deletion runs on: for a tenant, every table the plan declares with
 * {@code tenant_id}; for a user, every table with a column the plan says names a person (rows
 * where any of those columns holds the user, found by the column's shape as the engine finds
 * them; a person's account by its id). Each row is the database's own JSON of it
 * ({@code row_to_json}: keys in column order, numbers as numbers; secrets left out), read through a cursor of {@value #FETCH_ROWS} rows at a time in one
 * read-only transaction per table, so memory stays flat whatever the table's size.
 */
public final class SqlExportSource implements ExportSource {

    /** Rows the driver fetches per round trip: a cursor, never the whole result. */
    static final int FETCH_ROWS = 2_000;

    private final ServiceDatabase database;
    private final DeletionPlan plan;

    public SqlExportSource(ServiceDatabase database, DeletionPlan plan) {
        this.database = database;
        this.plan = plan;
    }

    @Override
    public String service() {
        return plan.service();
    }

    @Override
    public List<ExportTable> tables(DeletionSubject subject) {
        Map<String, List<Column>> catalog = catalog();
        Set<String> names = subject.scope() == DeletionScope.TENANT ? plan.declaredTenantTables()
                : userMatches(catalog, subject).keySet();
        // A declared table that does not exist stops start-up (the coverage guard), so every name has columns.
        return names.stream().sorted().filter(catalog::containsKey)
                .map(name -> new ExportTable(name, catalog.get(name).stream().filter(column -> !column.secret())
                        .map(Column::name).toList()))
                .toList();
    }

    @Override
    public long rows(DeletionSubject subject, String table, Consumer<String> row) {
        Map<String, List<Column>> catalog = catalog();
        PersonMatch match = subject.scope() == DeletionScope.TENANT
                ? (plan.declaredTenantTables().contains(table) ? PersonMatch.value("tenant_id", subject.id(), false) : null)
                : userMatches(catalog, subject).get(table);
        if (match == null || !catalog.containsKey(table)) {
            throw new IllegalArgumentException(service() + " holds no rows of a " + subject.scope().pathSegment()
                    + " in a table named " + table);
        }
        String columns = String.join(", ", catalog.get(table).stream().filter(column -> !column.secret())
                .map(column -> "\"" + column.name() + "\"").toList());
        String sql = "select row_to_json(t)::text from (select " + columns + " from " + database.schema() + "." + table
                + " where " + match.condition() + ") t";
        try (Connection connection = database.dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // Without a transaction the driver reads the whole result before the first row.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_ROWS);
                List<Object> parameters = match.parameters();
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                long count = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row.accept(rows.getString(1));
                        count++;
                    }
                }
                connection.commit();
                return count;
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the rows of " + database.schema() + "." + table + " for "
                    + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * A column of the schema, by the catalog. A secret (a password, a secret, a hash of a token) is
     * never exported, not even to its owner: the archive may be mailed, copied or leaked.
     */
    private record Column(String name, String type) {

        boolean secret() {
            return name.contains("password") || name.contains("secret") || name.endsWith("_hash");
        }
    }

    private Map<String, List<Column>> catalog() {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        database.jdbc().query("select table_name, column_name, udt_name from information_schema.columns"
                        + " where table_schema = ? order by table_name, ordinal_position",
                row -> {
                    columns.computeIfAbsent(row.getString(1), name -> new ArrayList<>())
                            .add(new Column(row.getString(2), row.getString(3)));
                }, database.schema());
        return columns;
    }

    /**
     * Per table, how its rows naming the user are found: any of the person columns the plan
     * declares, each by its shape (a text column holding the id as text). A column that holds an
     * address ({@code email}) names the person by their own record: in a table with no other
     * person column (the account itself), the row whose {@code id} is the user.
     */
    private Map<String, PersonMatch> userMatches(Map<String, List<Column>> catalog, DeletionSubject subject) {
        Map<String, PersonMatch> matches = new LinkedHashMap<>();
        personColumns().forEach((table, columns) -> {
            List<Column> tableColumns = catalog.getOrDefault(table, List.of());
            List<String> conditions = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            boolean addressOnly = columns.keySet().stream().allMatch(column -> column.contains("email"));
            columns.forEach((column, shape) -> {
                String type = tableColumns.stream().filter(c -> c.name().equals(column)).map(Column::type).findFirst()
                        .orElse("");
                PersonMatch one;
                if (column.contains("email")) {
                    if (!addressOnly || tableColumns.stream().noneMatch(c -> c.name().equals("id") && c.type().equals("uuid"))) {
                        return;
                    }
                    one = PersonMatch.value("id", subject.id(), false);
                } else if (shape.kind() == DeletionPlan.Shape.Kind.VALUE && !type.equals("uuid")) {
                    if (!type.equals("text") && !type.equals("varchar")) {
                        return; // a value of another type cannot be the id
                    }
                    one = PersonMatch.value(column, subject.id(), true);
                } else {
                    one = PersonMatch.declared(column, shape, subject.id());
                }
                conditions.add(one.condition());
                parameters.addAll(one.parameters());
            });
            if (!conditions.isEmpty()) {
                matches.put(table, new PersonMatch(String.join(" or ", conditions), parameters));
            }
        });
        return matches;
    }

    /** Per table, the columns the plan says name a person, with how each holds the id. */
    private Map<String, Map<String, DeletionPlan.Shape>> personColumns() {
        Map<String, Map<String, DeletionPlan.Shape>> byTable = new LinkedHashMap<>();
        plan.personColumnShapes().forEach((qualified, shape) -> {
            int dot = qualified.indexOf('.');
            byTable.computeIfAbsent(qualified.substring(0, dot), table -> new LinkedHashMap<>())
                    .put(qualified.substring(dot + 1), shape);
        });
        return byTable;
    }
}
