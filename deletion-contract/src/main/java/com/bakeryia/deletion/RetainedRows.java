package com.bakeryia.deletion;

import java.time.LocalDate;

/**
 * What a tenant deletion keeps of one table because the law of the tenant's country obliges the
 * bakery to keep those records: moved, minimised, out of the bakery's reach into the service's
 * archive, and purged once {@code retainUntil} has passed.
 *
 * @param rows        records kept
 * @param basis       the law and article that oblige it, as the retention catalogue states it
 * @param country     the jurisdiction (ISO 3166-1 alpha-2) whose rule applies
 * @param retainUntil the latest day any of them must still be kept (each record has its own, from
 *                    the end of the calendar year of its own date)
 */
public record RetainedRows(long rows, String basis, String country, LocalDate retainUntil) {
}
