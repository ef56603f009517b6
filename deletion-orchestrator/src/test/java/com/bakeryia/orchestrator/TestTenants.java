package com.bakeryia.orchestrator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.SharedTestPostgres;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test tenants written and counted straight through SQL on the test database, independently of
 * the engine: a tenant record plus rows in every participant's tables.
 */
public final class TestTenants {

    private static final List<String> SCHEMAS = List.of("pantry", "oven", "ledger");

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    /** A tenant record and {@code rows} rows per table (checks: one per bake). */
    public UUID seed(int rows) {
        UUID tenant = UUID.randomUUID();
        jdbc.update("insert into registry.tenants (id, status) values (?, 'DELETING')", tenant);
        jdbc.update("insert into pantry.items (tenant_id, name) select ?, 'flour ' || n from generate_series(1, ?) n", tenant, rows);
        jdbc.update("insert into oven.bakes (tenant_id, product) select ?, 'loaf ' || n from generate_series(1, ?) n", tenant, rows);
        jdbc.update("insert into oven.bake_checks (bake_id, tenant_id, passed) select id, tenant_id, true from oven.bakes"
                + " where tenant_id = ?", tenant);
        jdbc.update("insert into ledger.entries (tenant_id, amount_cents) select ?, n * 100 from generate_series(1, ?) n", tenant, rows);
        return tenant;
    }

    /**
     * A row written behind the engine's back: past the write fence too, as a superuser with triggers
     * off would (an ordinary write after the DELETE step began is refused by the fence).
     */
    public void insertLateRow(UUID tenant) {
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
            }
            try (var insert = connection.prepareStatement("insert into pantry.items (tenant_id, name) values (?, 'late')")) {
                insert.setObject(1, tenant);
                insert.executeUpdate();
            } finally {
                try (var statement = connection.createStatement()) {
                    statement.execute("set session_replication_role = origin");
                }
            }
            return null;
        });
    }

    /** Rows of the tenant in every table with a tenant_id column in every schema, read from the live catalog. */
    public Map<String, Long> rowsOf(UUID tenant) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences' order by 1""", String.class);
        for (String table : tables) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant));
        }
        return counts;
    }

    public long totalRowsOf(UUID tenant) {
        return rowsOf(tenant).values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean recordExists(UUID tenant) {
        return jdbc.queryForObject("select count(*) from registry.tenants where id = ?", Long.class, tenant) > 0;
    }

    List<String> schemas() {
        return SCHEMAS;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }
}
