package com.bakeryia.platform.retention;

import java.time.LocalDate;
import java.util.List;

/**
 * What one jurisdiction requires of one kind of record: keep it for {@code years} counted from the
 * end of the calendar year of the record's own date, on the stated legal basis, with only the
 * {@code kept} columns (every other column, and so every personal detail, is removed).
 *
 * @param kind         the kind of record
 * @param jurisdiction the country the rule is of, or {@code null} for the catalogue's fallback
 * @param years        how many whole years after the end of the record's calendar year it is kept;
 *                     0: not kept (deleted with the rest)
 * @param basis        the law and article, as text
 * @param kept         the columns that survive, minimised to what the law needs
 */
public record RetentionRule(RecordKind kind, Country jurisdiction, int years, String basis, List<String> kept) {

    public RetentionRule {
        if (years < 0) {
            throw new IllegalArgumentException("a retention period cannot be negative: " + kind + " " + years);
        }
        kept = List.copyOf(kept);
    }

    /** Whether the rule keeps anything. */
    public boolean retains() {
        return years > 0;
    }

    /**
     * The last day a record dated {@code recordDate} must be kept: the end of its calendar year plus
     * {@code years} years (a receipt of 5 March 2024 kept 6 years: 31 December 2030). It may be
     * purged from the day after.
     */
    public LocalDate retainUntil(LocalDate recordDate) {
        return LocalDate.of(recordDate.getYear() + years, 12, 31);
    }
}
