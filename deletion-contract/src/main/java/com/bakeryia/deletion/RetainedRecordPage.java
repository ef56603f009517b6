package com.bakeryia.deletion;

import java.util.List;

/**
 * A page of a service's archive of one tenant's kept records, oldest first.
 *
 * @param items     the records
 * @param nextAfter the {@code after} of the next page ({@code seq} of the last record); absent when this was the last
 */
public record RetainedRecordPage(List<RetainedRecord> items, Long nextAfter) {

    public RetainedRecordPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
