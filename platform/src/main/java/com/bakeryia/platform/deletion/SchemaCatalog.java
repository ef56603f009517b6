package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * What the live catalog of a service's schema says about the columns that may hold a tenant's or a
 * person's id, read in one statement from the system catalog (not {@code information_schema},
 * whose per-row privilege checks cost tens of milliseconds on every step of every job). The
 * coverage guard and the catalog scan apply their rules to it.
 *
 * <p>Relations that store rows count: tables (partitioned ones as a whole; a partition is covered by
 * its parent), materialized views and foreign tables. A plain view stores nothing: what it shows
 * lives in the tables it reads. The platform's bookkeeping ({@link DeletionRunCounts}, the
 * migration histories) is left out.
 *
 * <p>A column <em>may hold an id</em> when it is a {@code uuid} or {@code uuid[]}, a JSON document
 * ({@code jsonb}, {@code json}), or text ({@code text}, {@code varchar}, {@code char}, or arrays of
 * them) whose name says it holds ids: {@code id}, {@code *_id}, {@code *_ids}, or a name that names
 * a person ({@link DeletionCoverageGuard#USER_COLUMN_PATTERN}). Other text columns (names, notes)
 * are not ids, and bigint ids never name a platform user, whose ids are UUIDs.
 */
final class SchemaCatalog {

    static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history", DeletionRunCounts.HISTORY_TABLE,
            DeletionRunCounts.TABLE, WriteFence.TABLE);
    private static final Pattern ID_NAME = Pattern.compile("^(id|.*_id|.*_ids)$");
    private static final Pattern PERSON_NAME = Pattern.compile(DeletionCoverageGuard.USER_COLUMN_PATTERN);

    private SchemaCatalog() {
    }

    /** How a column's type holds values. */
    enum Kind {
        UUID, UUID_ARRAY, TEXT, TEXT_ARRAY, DOCUMENT, OTHER;

        boolean array() {
            return this == UUID_ARRAY || this == TEXT_ARRAY;
        }
    }

    /**
     * A column of a relation that stores rows.
     *
     * @param table      the relation's name
     * @param relkind    {@code r} or {@code p} (a table), {@code m} (a materialized view), {@code f} (a foreign table)
     * @param name       the column's name
     * @param kind       how its type holds values
     * @param primaryKey whether it is its table's primary key on its own (the row's own id)
     * @param foreignKey whether a foreign key of its table includes it (it names another row)
     * @param indexes    the access methods of the valid indexes that lead with it ({@code btree},
     *                   {@code gin}, ...), partial ones only when their predicate is that the column
     *                   is not null (which a lookup by a value implies)
     */
    record Column(String table, String relkind, String name, Kind kind, boolean primaryKey, boolean foreignKey,
                  List<String> indexes) {

        String qualifiedName(String schema) {
            return schema + "." + table + "." + name;
        }

        /** Whether a tenant's or a person's id can be in it (see the class comment). */
        boolean mayHoldId() {
            return switch (kind) {
                case UUID, UUID_ARRAY, DOCUMENT -> true;
                case TEXT, TEXT_ARRAY -> ID_NAME.matcher(name).matches() || PERSON_NAME.matcher(name).matches();
                case OTHER -> false;
            };
        }

        boolean namesPerson() {
            return PERSON_NAME.matcher(name).matches();
        }

        String relationKind() {
            return switch (relkind) {
                case "m" -> "materialized view";
                case "f" -> "foreign table";
                default -> "table";
            };
        }
    }

    /** Every column of the schema's relations that store rows, or only the {@code tenant_id} ones. */
    static List<Column> read(ServiceDatabase database, boolean onlyTenantId) {
        List<Column> columns = new ArrayList<>();
        database.jdbc().query("""
                select c.relname, c.relkind::text, a.attname,
                  case when b.oid = 'uuid'::regtype then 'UUID' when b.oid = 'uuid[]'::regtype then 'UUID_ARRAY'
                    when b.oid in ('jsonb'::regtype, 'json'::regtype) then 'DOCUMENT'
                    when b.typcategory = 'S' then 'TEXT'
                    when b.typcategory = 'A' and e.typcategory = 'S' then 'TEXT_ARRAY' else 'OTHER' end,
                  exists (select 1 from pg_catalog.pg_constraint k where k.conrelid = c.oid and k.contype = 'p'
                    and k.conkey = array[a.attnum]),
                  exists (select 1 from pg_catalog.pg_constraint k where k.conrelid = c.oid and k.contype = 'f'
                    and a.attnum = any(k.conkey)),
                  (select string_agg(m.amname, ',' order by m.amname) from pg_catalog.pg_index i
                    join pg_catalog.pg_class ic on ic.oid = i.indexrelid join pg_catalog.pg_am m on m.oid = ic.relam
                    where i.indrelid = c.oid and i.indkey[0] = a.attnum and i.indisvalid
                      and (i.indpred is null
                        or pg_catalog.pg_get_expr(i.indpred, i.indrelid) = '(' || quote_ident(a.attname) || ' IS NOT NULL)'))
                from pg_catalog.pg_attribute a
                join pg_catalog.pg_class c on c.oid = a.attrelid
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                join pg_catalog.pg_type t on t.oid = a.atttypid
                join pg_catalog.pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
                left join pg_catalog.pg_type e on e.oid = b.typelem and b.typcategory = 'A'
                where n.nspname = ? and c.relkind in ('r', 'p', 'm', 'f') and not c.relispartition
                  and a.attnum > 0 and not a.attisdropped and (not ? or a.attname = 'tenant_id')
                order by c.relname, a.attnum""",
                rs -> {
                    String table = rs.getString(1);
                    if (BOOKKEEPING.contains(table)) {
                        return;
                    }
                    String indexes = rs.getString(7);
                    columns.add(new Column(table, rs.getString(2), rs.getString(3), Kind.valueOf(rs.getString(4)),
                            rs.getBoolean(5), rs.getBoolean(6), indexes == null ? List.of() : List.of(indexes.split(","))));
                }, database.schema(), onlyTenantId);
        return columns;
    }
}
