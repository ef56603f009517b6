package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.data.ServiceDatabase;

/**
 * The independent check after a deletion: reads the live catalog of a service's schema
 * ({@link SchemaCatalog}: tables, materialized views and foreign tables), not its deletion plan,
 * and counts the rows that still name the subject.
 *
 * <ul>
 *   <li>A tenant: every relation with a {@code tenant_id} column holds 0 rows of it.</li>
 *   <li>A user: every column that can name a person holds 0 references to them. Those are the
 *       columns named like a person's id ({@link DeletionCoverageGuard#USER_COLUMN_PATTERN}), the
 *       columns the plan declares as a person's (with how they hold the id: a value, an array
 *       element, a document at declared paths), and any column that may hold an id and that
 *       nothing classifies (a table created after start-up, which the coverage guard never saw: a
 *       document there is searched whole). Not looked at: {@code tenant_id}, a table's own primary
 *       key, columns of a foreign key (they name other rows), and columns the plan declares
 *       retained (records that outlive their subject, or values that name no person, with the
 *       reason; listed as skipped). The coverage guard makes sure at start-up that each column
 *       looked at leads an index, so each count is an index lookup and a person's check costs what
 *       the person left, not what the platform holds.</li>
 * </ul>
 *
 * One statement for all of them: a count per column.
 */
public final class CatalogScan {

    private CatalogScan() {
    }

    public static DeletionScan scan(String service, ServiceDatabase database, DeletionPlan plan, DeletionSubject subject) {
        String schema = database.schema();
        boolean tenant = subject.scope() == DeletionScope.TENANT;
        Set<String> retained = plan.outsideEngine().stream()
                .filter(entry -> entry.handling() == DeletionPlan.OutsideEngine.Handling.RETAINED)
                .map(entry -> entry.table() + "." + entry.column()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = plan.declaredColumns();
        Map<String, DeletionPlan.Shape> shapes = plan.personColumnShapes();
        List<String> skipped = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> tables = new TreeSet<>();
        // For a tenant only the tenant_id columns are read (found through pg_attribute's name index).
        for (SchemaCatalog.Column column : SchemaCatalog.read(database, tenant)) {
            String key = column.table() + "." + column.name();
            boolean scanned = tenant ? column.name().equals("tenant_id")
                    : !column.name().equals("tenant_id") && column.mayHoldId() && (column.namesPerson() || shapes.containsKey(key)
                    || !declared.contains(key) && !column.primaryKey() && !column.foreignKey());
            if (!scanned) {
                continue;
            }
            if (retained.contains(key)) {
                skipped.add(schema + "." + key);
                continue;
            }
            PersonMatch match = !tenant ? match(column, shapes.get(key), subject)
                    : column.kind() == SchemaCatalog.Kind.UUID ? PersonMatch.value(quoted(column.name()), subject.id(), false)
                    : PersonMatch.value(quoted(column.name()) + "::text", subject.id(), true);
            counts.add("(select count(*) from " + quoted(schema) + "." + quoted(column.table()) + " where " + match.condition()
                    + ")");
            parameters.addAll(match.parameters());
            names.add(schema + "." + key);
            tables.add(column.table());
        }
        Map<String, Long> found = new LinkedHashMap<>();
        if (!counts.isEmpty()) {
            // Through the indexes, whatever the statistics say: the subject's rows are gone by now,
            // but the statistics may still count them (ThroughIndexes).
            ThroughIndexes.count(database, () -> {
                database.jdbc().query("select " + String.join(", ", counts), rs -> {
                    for (int i = 0; i < names.size(); i++) {
                        long rows = rs.getLong(i + 1);
                        if (rows > 0) {
                            found.put(names.get(i), rows);
                        }
                    }
                }, parameters.toArray());
                return null;
            });
        }
        return new DeletionScan(service, subject.scope(), subject.id(), tables.size(), names.size(), found, skipped);
    }

    /**
     * How the person is found in the column: as the plan declares it when its type fits, otherwise
     * by the type alone (a document no plan declares is searched whole).
     */
    private static PersonMatch match(SchemaCatalog.Column column, DeletionPlan.Shape declared, DeletionSubject subject) {
        String name = quoted(column.name());
        if (declared != null && declared.kind() == DeletionPlan.Shape.Kind.DOCUMENT
                && column.kind() == SchemaCatalog.Kind.DOCUMENT) {
            return PersonMatch.inDocument(name, declared.paths(), subject.id());
        }
        return switch (column.kind()) {
            case UUID -> PersonMatch.value(name, subject.id(), false);
            case UUID_ARRAY -> PersonMatch.element(name, subject.id(), false);
            case TEXT_ARRAY -> PersonMatch.element(name, subject.id(), true);
            case DOCUMENT -> PersonMatch.anywhereInDocument(name, subject.id());
            case TEXT, OTHER -> PersonMatch.value(name + "::text", subject.id(), true);
        };
    }

    /** A catalog name as an SQL identifier, whatever it holds (a table made by hand may have any name). */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
