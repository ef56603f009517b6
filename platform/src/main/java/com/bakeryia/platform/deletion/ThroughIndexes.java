package com.bakeryia.platform.deletion;

import java.util.function.Supplier;

import com.bakeryia.platform.data.ServiceDatabase;

/**
 * Runs a statement that looks a subject up by its column (a chunk's pick, a count of what is left)
 * in a transaction of its own in which PostgreSQL's planner does not read whole tables for it
 * ({@code enable_seqscan} off for the transaction only, {@code set_config(..., true)}; for picks
 * also {@code enable_bitmapscan}, which builds the bitmap of every row of the subject before the
 * first is returned), so it goes through the index that leads with the column, which the coverage
 * guard requires.
 *
 * <p>Why: the planner chooses by its statistics, and they lag behind a deletion. While a tenant or a
 * person is being deleted, the statistics still say they hold a large share of the table until
 * autoanalyze runs (every minute at most on a stock server), so "the rows of this subject, the first
 * 5000" or "how many are left" is planned as a sequential scan expected to find them at once; once
 * they are gone, that scan reads the whole table, other tenants' rows and all: a statement that
 * grows with the platform, not with the subject, and passes the statement bound at a few million
 * rows. Through the index it costs what the subject has left. The settings end with the
 * transaction; the server's are untouched.
 */
final class ThroughIndexes {

    private static final String NO_TABLE_SCANS = "select set_config('enable_seqscan', 'off', true)";
    private static final String NO_TABLE_OR_BITMAP_SCANS = "select set_config('enable_seqscan', 'off', true),"
            + " set_config('enable_bitmapscan', 'off', true)";

    private ThroughIndexes() {
    }

    /** A count (or any read): no sequential scans; bitmap scans, which count a subject's rows well, stay. */
    static <T> T count(ServiceDatabase database, Supplier<T> statement) {
        return run(database, NO_TABLE_SCANS, statement);
    }

    /** A chunk statement (a pick and its change): neither sequential nor bitmap scans. */
    static <T> T pick(ServiceDatabase database, Supplier<T> statement) {
        return run(database, NO_TABLE_OR_BITMAP_SCANS, statement);
    }

    private static <T> T run(ServiceDatabase database, String settings, Supplier<T> statement) {
        return database.transactions().execute(status -> {
            database.jdbc().query(settings, rs -> { });
            return statement.get();
        });
    }
}
