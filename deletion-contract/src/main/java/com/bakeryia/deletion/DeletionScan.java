package com.bakeryia.deletion;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a scan of a service's live catalog found of a subject after its deletion, independently of
 * the service's deletion plan: for a tenant, every table with a {@code tenant_id} column; for a
 * user, every {@code uuid} column and every column named like a person's id. Records that must
 * outlive the subject (declared retained, with a reason) are listed and not counted.
 *
 * @param service         the participant
 * @param scope           tenant or user
 * @param subjectId       the tenant or user id
 * @param tablesScanned   tables looked at
 * @param columnsScanned  columns looked at
 * @param found           rows still naming the subject, per {@code schema.table.column}; empty when none
 * @param retained        {@code schema.table.column} left out of the scan as records that outlive the subject
 */
public record DeletionScan(
        String service,
        DeletionScope scope,
        UUID subjectId,
        int tablesScanned,
        int columnsScanned,
        Map<String, Long> found,
        List<String> retained) {

    public DeletionScan {
        found = Map.copyOf(found);
        retained = List.copyOf(retained);
    }

    /** Rows found in all; zero means the catalog holds nothing of the subject. */
    public long rowsFound() {
        return DeletionPreview.sum(found);
    }
}
