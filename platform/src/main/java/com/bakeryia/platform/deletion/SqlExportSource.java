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
 * them). Each row is the database's own JSON of it ({@code row_to_json}: keys in column order,
 * numbers as numbers), read through a cursor of {@value #FETCH_ROWS} rows at a time in one
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
        Set<String> names = subject.scope() == DeletionScope.TENANT ? plan.declaredTenantTables() : personColumns().keySet();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        database.jdbc().query("select table_name, column_name from information_schema.columns where table_schema = ?"
                        + " order by table_name, ordinal_position",
                row -> {
                    columns.computeIfAbsent(row.getString(1), name -> new ArrayList<>()).add(row.getString(2));
                }, database.schema());
        // A declared table that does not exist stops start-up (the coverage guard), so every name has columns.
        return names.stream().sorted().filter(columns::containsKey)
                .map(name -> new ExportTable(name, columns.get(name))).toList();
    }

    @Override
    public long rows(DeletionSubject subject, String table, Consumer<String> row) {
        if (tables(subject).stream().noneMatch(listed -> listed.name().equals(table))) {
            throw new IllegalArgumentException(service() + " holds no rows of a " + subject.scope().pathSegment()
                    + " in a table named " + table);
        }
        PersonMatch match = match(subject, table);
        String sql = "select row_to_json(t)::text from " + database.schema() + "." + table + " t where " + match.condition();
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

    /** The rows of the subject in {@code table}: the tenant's, or those naming the user in any person column. */
    private PersonMatch match(DeletionSubject subject, String table) {
        if (subject.scope() == DeletionScope.TENANT) {
            return PersonMatch.value("tenant_id", subject.id(), false);
        }
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        personColumns().getOrDefault(table, Map.of()).forEach((column, shape) -> {
            PersonMatch one = PersonMatch.declared(column, shape, subject.id());
            conditions.add(one.condition());
            parameters.addAll(one.parameters());
        });
        return new PersonMatch(String.join(" or ", conditions), parameters);
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
