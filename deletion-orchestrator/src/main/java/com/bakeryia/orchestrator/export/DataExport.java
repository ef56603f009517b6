package com.bakeryia.orchestrator.export;

import java.time.Instant;
import java.util.UUID;

/**
 * An export as its callers read it.
 *
 * @param exportId    the export's id
 * @param kind        a tenant's or a person's
 * @param subjectId   the tenant id or the user id
 * @param status      where it is
 * @param createdAt   when it was asked for
 * @param startedAt   when a worker first took it on
 * @param completedAt when it became READY or FAILED
 * @param expiresAt   until when a READY export can be downloaded
 * @param tablesTotal the tables to write (known once a worker has asked every service)
 * @param tablesDone  the tables written so far
 * @param rowsWritten the rows written so far
 * @param fileBytes   the archive's size, once READY
 * @param error       why the last attempt failed
 */
public record DataExport(UUID exportId, ExportKind kind, UUID subjectId, ExportStatus status, Instant createdAt,
                         Instant startedAt, Instant completedAt, Instant expiresAt, Integer tablesTotal, int tablesDone,
                         long rowsWritten, Long fileBytes, String error) {
}
