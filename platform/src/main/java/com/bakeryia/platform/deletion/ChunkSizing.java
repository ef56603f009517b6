package com.bakeryia.platform.deletion;

import java.time.Duration;

/**
 * How many rows the next chunk statement of a table takes: {@code firstRows} at first, then as many
 * as the statements before ran at in {@code target} time (at most twice the last chunk, at once
 * fewer when a chunk was slow), within 1 and {@code maxRows}. A zero target keeps every chunk at
 * {@code firstRows}. Sizing changes how many statements a deletion takes, never what it deletes or
 * counts.
 *
 * @param firstRows rows of the first chunk of a table
 * @param maxRows   the most rows of any chunk
 * @param target    how long a chunk statement should take; zero: fixed chunks
 */
public record ChunkSizing(int firstRows, int maxRows, Duration target) {

    public ChunkSizing {
        if (firstRows < 1 || maxRows < firstRows) {
            throw new IllegalArgumentException("Chunks need 1 <= firstRows <= maxRows, were " + firstRows + ", " + maxRows);
        }
        if (target == null || target.isNegative()) {
            throw new IllegalArgumentException("The chunk target must not be negative");
        }
    }

    /** Every chunk {@code rows} rows. */
    public static ChunkSizing fixed(int rows) {
        return new ChunkSizing(rows, rows, Duration.ZERO);
    }

    /**
     * The size of the chunk after one of {@code rows} rows (asked for) that changed {@code changed}
     * rows in {@code nanos}.
     */
    public int next(int rows, long changed, long nanos) {
        if (target.isZero()) {
            return firstRows;
        }
        // A chunk that found fewer rows than asked says little about larger ones: keep its size.
        if (changed < rows || nanos <= 0) {
            return rows;
        }
        double ideal = (double) changed * target.toNanos() / nanos;
        long next = (long) Math.min(ideal, 2.0 * rows);
        return (int) Math.max(1, Math.min(maxRows, next));
    }

    /**
     * A learned size within these bounds (the size a table ended with last time, say); without one,
     * a tenth of the first size when chunks are sized by time (at least one row), so the first
     * chunk of a table whose rows are dear (a parent whose every row costs foreign-key checks over
     * the children just deleted: a millisecond a row and more) stays short, and the next ones grow
     * at most twofold each to what the target allows; the first size when chunks are fixed.
     */
    public int start(Integer learned) {
        if (target.isZero()) {
            return firstRows;
        }
        if (learned == null) {
            return Math.max(1, firstRows / 10);
        }
        return Math.max(1, Math.min(maxRows, learned));
    }
}
