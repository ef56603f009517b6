package com.bakeryia.deletion;

import java.util.List;
import java.util.function.Consumer;

/**
 * A service's rows of a subject, for an export (GDPR Art. 15 and 20): the same subjects and the
 * same tables as its deletion, read instead of deleted. In process it is the service's own
 * database; in another process it is {@link RemoteExportSource}, over HTTP as NDJSON. Either way a
 * table's rows are streamed one by one, never held together, so an export's memory does not grow
 * with the subject's size.
 */
public interface ExportSource {

    /** The service name, for example {@code orders}. */
    String service();

    /** Every table of the service that can hold rows of the subject, in a stable order. */
    List<ExportTable> tables(DeletionSubject subject);

    /**
     * Streams every row of {@code table} that belongs to (for a tenant) or names (for a user) the
     * subject, each as the text of one JSON object whose keys are the table's columns in order,
     * and answers how many there were.
     *
     * @throws IllegalArgumentException for a table that {@link #tables} does not list
     */
    long rows(DeletionSubject subject, String table, Consumer<String> row);
}
