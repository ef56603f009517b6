package com.bakeryia.deletion;

import java.time.LocalDate;

/**
 * What one purge of expired kept records removed from one table's records in a service's archive:
 * how many, and the latest {@code retain_until} among them (every one of them had passed it).
 */
public record PurgedRows(long rows, LocalDate latestRetainUntil) {

    /** This purge and {@code other} of the same table together. */
    public PurgedRows plus(PurgedRows other) {
        LocalDate latest = latestRetainUntil == null ? other.latestRetainUntil()
                : other.latestRetainUntil() == null || latestRetainUntil.isAfter(other.latestRetainUntil())
                ? latestRetainUntil : other.latestRetainUntil();
        return new PurgedRows(rows + other.rows(), latest);
    }
}
