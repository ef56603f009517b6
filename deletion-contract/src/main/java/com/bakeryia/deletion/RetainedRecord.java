package com.bakeryia.deletion;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * One record a tenant's deletion kept because the law of the tenant's country obliges it, as its
 * service's archive holds it: minimised to the columns the retention catalogue keeps (a person's id
 * there is the tombstone).
 *
 * @param seq              its position in the service's archive (a page continues after the last one read)
 * @param tenantId         the deleted tenant it belonged to
 * @param table            {@code schema.table} it came from
 * @param recordId         the id it had there
 * @param kind             the kind of record (for example {@code POS_TRANSACTIONS})
 * @param recordDate       its own date, whose calendar year the period is counted from
 * @param retainUntil      the last day it must be kept; the purge removes it after that
 * @param basis            the law and article that oblige it
 * @param country          the jurisdiction (ISO 3166-1 alpha-2) whose rule applied
 * @param catalogueVersion the retention catalogue's version when it was kept
 * @param record           the kept columns and their values
 */
public record RetainedRecord(long seq, UUID tenantId, String table, UUID recordId, String kind, LocalDate recordDate,
                             LocalDate retainUntil, String basis, String country, String catalogueVersion,
                             Map<String, Object> record) {
}
