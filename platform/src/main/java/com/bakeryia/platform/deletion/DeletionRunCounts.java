package com.bakeryia.platform.deletion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * A service's record of what each deletion run did, per table, in its own schema
 * ({@value #TABLE}): the source of the counts a participant reports. Every change is counted in
 * the transaction that makes it (or, for the chunked deletes of {@link SqlDeletionParticipant}, in
 * the same statement), so the counts of a run survive exactly what its changes survive: a call that
 * died after committing some chunks has left both the deletions and their counts, and the next call
 * of the run reports them with its own.
 */
public final class DeletionRunCounts {

    /** The table, in every service's schema; it names runs and tables, no subject. */
    public static final String TABLE = "deletion_run_counts";

    /** The history table of the platform's migrations of {@value #TABLE}, beside the service's own. */
    public static final String HISTORY_TABLE = "flyway_deletion_counts_history";

    private final ServiceDatabase database;

    public DeletionRunCounts(ServiceDatabase database) {
        this.database = database;
    }

    /**
     * Adds to the run's counts of {@code table}; call it inside the transaction of the change it
     * counts (it joins the caller's transaction of {@code database.transactions()}).
     */
    public void add(UUID runId, String table, long deleted, long anonymised) {
        if (deleted == 0 && anonymised == 0) {
            return;
        }
        database.jdbc().update(upsert() + " values (?, ?, ?, ?, now())" + onConflict(), runId, table, deleted, anonymised);
    }

    /** What a run deleted and anonymised per table: the tables with a count above 0 in each. */
    public record Counts(Map<String, Long> deleted, Map<String, Long> anonymised) {
    }

    /** What the run deleted and anonymised, per table, read in one statement. */
    public Counts of(UUID runId) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> anonymised = new LinkedHashMap<>();
        database.jdbc().query("select table_name, deleted, anonymised from " + table() + " where run_id = ?"
                + " order by table_name", rs -> {
                    if (rs.getLong(2) > 0) {
                        deleted.put(rs.getString(1), rs.getLong(2));
                    }
                    if (rs.getLong(3) > 0) {
                        anonymised.put(rs.getString(1), rs.getLong(3));
                    }
                }, runId);
        return new Counts(deleted, anonymised);
    }

    /** What the run deleted per table: the tables with a count above 0. */
    public Map<String, Long> deleted(UUID runId) {
        return of(runId).deleted();
    }

    /** What the run anonymised per table: the tables with a count above 0. */
    public Map<String, Long> anonymised(UUID runId) {
        return of(runId).anonymised();
    }

    /** {@code insert into <schema>.deletion_run_counts as c (...)}: the start of the upsert of a run's counts. */
    String upsert() {
        return "insert into " + table() + " as c (run_id, table_name, deleted, anonymised, updated_at)";
    }

    /** The end of the upsert: adds to the counts a row of the run and table already has. */
    static String onConflict() {
        return " on conflict (run_id, table_name) do update set deleted = c.deleted + excluded.deleted,"
                + " anonymised = c.anonymised + excluded.anonymised, updated_at = excluded.updated_at";
    }

    /** The table, qualified with the service's schema. */
    String table() {
        return database.schema() + "." + TABLE;
    }
}
