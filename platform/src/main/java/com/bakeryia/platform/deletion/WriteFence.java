package com.bakeryia.platform.deletion;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * The exact write fence of a service's tenant tables: once the DELETE step of a tenant's deletion
 * has begun in this service, no write naming the tenant commits here, whatever membership cache,
 * request in flight or other process the writer came through. It needs no waiting: no settle
 * period, no bound on how late a write may land.
 *
 * <p>{@link #fence} writes the tenant's fence row ({@code <schema>.deletion_write_fences}) in a
 * transaction of its own under an exclusive advisory lock on (schema, tenant), and commits before
 * anything is deleted. Every statement that inserts or updates rows of a tenant table fires a
 * statement-level trigger ({@link #install}, on every tenant table of the plan) that takes the
 * same lock in share mode for each tenant it wrote and then looks for a fence row, in the writer's
 * own transaction; the writer keeps the shared lock until it commits. So the fence waits for every
 * write of the tenant already past its check to commit (and the DELETE step that follows deletes
 * those rows), and every later write finds the fence and fails with SQLSTATE {@value #REFUSED}
 * (answered 409 by {@code ProblemDetailsAdvice}). One check per statement, not per row, so a COPY
 * of many rows pays it once.
 */
public final class WriteFence {

    /** The SQLSTATE of a write refused by a fence. */
    public static final String REFUSED = "BK409";

    /** The fences' table in every service's schema (created with the run counts, {@code db/deletion-counts}). */
    static final String TABLE = "deletion_write_fences";

    private static final String INSERT_TRIGGER = "deletion_write_fence_on_insert";
    private static final String UPDATE_TRIGGER = "deletion_write_fence_on_update";

    private WriteFence() {
    }

    /**
     * Puts the fence's triggers on every tenant table of the plan that lacks them. Replicas starting
     * together take turns (an advisory lock), and a table that has them is left alone, so a restart
     * changes nothing.
     */
    static void install(ServiceDatabase database, List<String> tenantTables) {
        if (tenantTables.isEmpty()) {
            return;
        }
        String schema = database.schema();
        database.transactions().executeWithoutResult(status -> {
            database.jdbc().queryForList("select pg_advisory_xact_lock(hashtext('bakery write fence'), hashtext(?))",
                    schema);
            for (String table : tenantTables) {
                String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
                List<String> present = database.jdbc().queryForList("select t.tgname from pg_catalog.pg_trigger t"
                        + " join pg_catalog.pg_class c on c.oid = t.tgrelid join pg_catalog.pg_namespace n"
                        + " on n.oid = c.relnamespace where n.nspname = ? and c.relname = ? and t.tgname in (?, ?)",
                        String.class, schema, name, INSERT_TRIGGER, UPDATE_TRIGGER);
                String qualified = schema + "." + name;
                if (!present.contains(INSERT_TRIGGER)) {
                    database.jdbc().execute("create trigger " + INSERT_TRIGGER + " after insert on " + qualified
                            + " referencing new table as new_rows for each statement"
                            + " execute function " + schema + ".deletion_write_fence()");
                }
                if (!present.contains(UPDATE_TRIGGER)) {
                    database.jdbc().execute("create trigger " + UPDATE_TRIGGER + " after update on " + qualified
                            + " referencing new table as new_rows for each statement"
                            + " execute function " + schema + ".deletion_write_fence()");
                }
            }
        });
    }

    /**
     * Fences the tenant in this service and commits: from the commit on, no write naming it commits
     * here. Waits for the writes of the tenant already past their check to commit. Idempotent (a
     * repeated DELETE attempt fences again, nothing changes).
     */
    static void fence(ServiceDatabase database, UUID tenantId) {
        String schema = database.schema();
        database.transactions().executeWithoutResult(status -> {
            database.jdbc().queryForList("select pg_advisory_xact_lock(hashtext(?), hashtext(?))", schema,
                    tenantId.toString());
            database.jdbc().update("insert into " + schema + "." + TABLE + " (tenant_id) values (?)"
                    + " on conflict (tenant_id) do nothing", tenantId);
        });
    }

    /** Whether {@code failure} is (or was caused by) a write a fence refused. */
    public static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && REFUSED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
