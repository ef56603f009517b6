package com.bakeryia.platform.demodata;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.StringJoiner;
import java.util.function.Supplier;

import com.bakeryia.platform.data.ServiceDatabase;
import org.postgresql.PGConnection;

/**
 * Writes generated rows into one table of a service's schema with PostgreSQL {@code COPY ... FROM
 * STDIN (FORMAT csv)}, {@value #CHUNK_ROWS} rows per COPY statement, each committed on its own, so
 * a million rows never sit in one transaction or in memory at once. Values are written with
 * {@code toString()} (uuid, numbers, {@link LocalDate}, {@link OffsetDateTime}, booleans); a
 * {@code null} is SQL NULL and a string is quoted. Parents must be closed (flushed) before their
 * children are written, so foreign keys hold.
 *
 * <p>Run by the generator ({@link #checkingBeforeEachChunk}), every chunk is preceded by a check
 * that the tenant still accepts writes; once it does not, the check's exception stops the copy
 * (nothing more is sent, not even from {@link #close}). A chunk's COPY thus commits at most one
 * chunk's duration (well under a second at {@value #CHUNK_ROWS} rows) after a check that found the
 * tenant ACTIVE, far within the orchestrator's write settle period.
 *
 * <pre>{@code
 * try (TableCopy customers = TableCopy.into(db, "customers", "id", "tenant_id", "name")) {
 *     customers.row(id, tenantId, "Ana");
 * }
 * }</pre>
 */
public final class TableCopy implements AutoCloseable {

    /** Rows per COPY statement (and per transaction). */
    public static final int CHUNK_ROWS = 5_000;

    /** The check the generation running on this thread makes before each chunk, if any. */
    private static final ThreadLocal<Runnable> BEFORE_CHUNK = new ThreadLocal<>();

    private final ServiceDatabase database;
    private final String copySql;
    private final int columns;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private int buffered;
    private long written;
    private boolean stopped;

    private TableCopy(ServiceDatabase database, String table, String... columns) {
        this.database = database;
        this.columns = columns.length;
        StringJoiner names = new StringJoiner(", ", "(", ")");
        for (String column : columns) {
            names.add(column);
        }
        this.copySql = "copy " + database.schema() + "." + table + " " + names + " from stdin (format csv)";
    }

    /** Starts writing rows of {@code table} (unqualified) with the given columns, in this order. */
    public static TableCopy into(ServiceDatabase database, String table, String... columns) {
        return new TableCopy(database, table, columns);
    }

    /** Adds one row; its values are in the column order given to {@link #into}. */
    public TableCopy row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("Expected " + columns + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            append(values[i]);
        }
        buffer.append('\n');
        if (++buffered >= CHUNK_ROWS) {
            flush();
        }
        return this;
    }

    /**
     * Runs {@code work} with {@code beforeChunk} called, on this thread, before every chunk that any
     * copy sends; an exception it throws stops that copy and propagates to the caller of
     * {@link #row} or {@link #close}.
     */
    static <T> T checkingBeforeEachChunk(Runnable beforeChunk, Supplier<T> work) {
        Runnable outer = BEFORE_CHUNK.get();
        BEFORE_CHUNK.set(beforeChunk);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                BEFORE_CHUNK.remove();
            } else {
                BEFORE_CHUNK.set(outer);
            }
        }
    }

    /** Rows written so far, including the ones still buffered. */
    public long rows() {
        return written + buffered;
    }

    private void append(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof CharSequence text) {
            buffer.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                buffer.append(c);
            }
            buffer.append('"');
        } else if (value instanceof java.math.BigDecimal decimal) {
            buffer.append(decimal.toPlainString());
        } else {
            buffer.append(value);
        }
    }

    /** Sends the buffered rows in one COPY, committed on its own. */
    public void flush() {
        if (buffered == 0 || stopped) {
            return;
        }
        Runnable check = BEFORE_CHUNK.get();
        if (check != null) {
            try {
                check.run();
            } catch (RuntimeException e) {
                stopped = true;
                buffered = 0;
                buffer.setLength(0);
                throw e;
            }
        }
        // A connection of its own, never one bound to a caller's transaction: each chunk commits alone.
        try (Connection connection = database.dataSource().getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(buffer.toString()));
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed (" + copySql + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written += buffered;
        buffered = 0;
        buffer.setLength(0);
    }

    @Override
    public void close() {
        flush();
    }
}
