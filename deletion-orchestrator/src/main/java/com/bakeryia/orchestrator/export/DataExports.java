package com.bakeryia.orchestrator.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.orchestrator.job.DatabaseClock;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.platform.deletion.DataServices;

/**
 * Exports as callers ask for them: start a tenant's or a person's, read one, find its archive. A
 * tenant's export reads every data service and the tenant service (its memberships and
 * subscriptions); a person's reads those and the auth service (their account); the services are
 * fixed when the export is created, as a deletion job's are.
 */
public class DataExports {

    /** The tenant service: memberships and subscriptions of a tenant, a person's memberships. */
    static final String TENANT_SERVICE = "tenant";

    private final DataExportStore store;
    private final DataServices dataServices;
    private final ExportProperties properties;
    private final Path directory;
    private final DeletionAudit audit;
    private final DatabaseClock clock;

    public DataExports(DataExportStore store, DataServices dataServices, ExportProperties properties, Path directory,
                       DeletionAudit audit, DatabaseClock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.dataServices = dataServices;
        this.properties = properties;
        this.directory = directory;
    }

    /**
     * Queues an export of the tenant's data, asked for by {@code requestedBy} (a user id or a client id).
     *
     * @throws TooSoonException when the tenant had an export asked for within {@code per-subject-interval}
     */
    public DataExport startTenantExport(UUID tenantId, String requestedBy) {
        List<String> participants = new ArrayList<>(dataServices.names());
        participants.add(TENANT_SERVICE);
        DataExportStore.Creation creation = store.create(ExportKind.TENANT, tenantId, requestedBy,
                participants.stream().sorted().toList(), properties.maxAttempts(), properties.perSubjectInterval());
        if (creation.export() == null) {
            throw new TooSoonException(creation.nextAllowedAt(), creation.retryAfter());
        }
        audited(creation.export(), DeletionAudit.Action.EXPORT_REQUESTED, requestedBy, null);
        return creation.export();
    }

    /** The auth service: a person's account and the rows of theirs it keeps. */
    static final String AUTH_SERVICE = "auth";

    /**
     * Queues an export of a person's own data (GDPR Art. 15 and 20): their account, their
     * memberships, and every row of every data service that names them, asked for by
     * {@code requestedBy}.
     *
     * @throws TooSoonException when the person had an export asked for within {@code per-subject-interval}
     */
    public DataExport startUserExport(UUID userId, String requestedBy) {
        List<String> participants = new ArrayList<>(dataServices.names());
        participants.add(TENANT_SERVICE);
        participants.add(AUTH_SERVICE);
        DataExportStore.Creation creation = store.create(ExportKind.USER, userId, requestedBy,
                participants.stream().sorted().toList(), properties.maxAttempts(), properties.perSubjectInterval());
        if (creation.export() == null) {
            throw new TooSoonException(creation.nextAllowedAt(), creation.retryAfter());
        }
        audited(creation.export(), DeletionAudit.Action.EXPORT_REQUESTED, requestedBy, null);
        return creation.export();
    }

    /** The subject had an export asked for within the interval; the next may be asked for at {@code nextAllowedAt}. */
    public static final class TooSoonException extends RuntimeException {

        private final java.time.Instant nextAllowedAt;
        private final java.time.Duration retryAfter;

        TooSoonException(java.time.Instant nextAllowedAt, java.time.Duration retryAfter) {
            super("An export of this subject was asked for less than the interval ago; the next one from " + nextAllowedAt);
            this.nextAllowedAt = nextAllowedAt;
            this.retryAfter = retryAfter;
        }

        /** How long from now (by the job store's clock) until the next may be asked for. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }

        public java.time.Instant nextAllowedAt() {
            return nextAllowedAt;
        }
    }

    /** Records in the audit trail that {@code actor} downloaded the export ({@code range}: the Range header, or null). */
    public void downloaded(DataExport export, String actor, String range) {
        audited(export, DeletionAudit.Action.EXPORT_DOWNLOADED, actor, range);
    }

    private void audited(DataExport export, DeletionAudit.Action action, String actor, String range) {
        audit.append(clock.now(), action, null, export.kind() == ExportKind.TENANT ? JobKind.TENANT : JobKind.USER,
                export.subjectId(), actor, range == null ? DeletionAudit.details("export_id", export.exportId().toString())
                        : DeletionAudit.details("export_id", export.exportId().toString(), "range", range));
    }

    public Optional<DataExport> find(UUID exportId) {
        return store.find(exportId);
    }

    /** The archive of a READY export, when its file is there. */
    public Optional<Path> archive(UUID exportId) {
        return store.fileName(exportId).map(directory::resolve).filter(Files::isRegularFile);
    }
}
