package com.bakeryia.orchestrator.requests;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.RetainedRecordPage;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.web.ApiProblem;

/**
 * Reads of the records the law keeps of deleted tenants, for the platform's RECORDS_OFFICER: one
 * page of one service's archive of one tenant at a time, each with the reason the reader states,
 * and each recorded in the deletion audit trail (who, why, what was read) before the records are
 * handed over. The services' archives are reached through their participants, outside any
 * transaction; the audit entry is appended after the read and before the answer, so no records
 * leave without an entry.
 */
public class RetainedRecordReads {

    private final ParticipantDirectory participants;
    private final DataServices dataServices;
    private final JobStoreTables tables;
    private final DeletionAudit audit;
    private final Clock clock;

    public RetainedRecordReads(ParticipantDirectory participants, DataServices dataServices, JobStoreTables tables,
                               DeletionAudit audit, Clock clock) {
        this.participants = participants;
        this.dataServices = dataServices;
        this.tables = tables;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What a read returned, and the audit entry that records it.
     *
     * @param auditHead the hash of the audit entry recording this read
     * @param page      the records read
     */
    public record Read(UUID jobId, String auditHead, RetainedRecordPage page) {
    }

    /**
     * Reads a page of what the law keeps of the tenant in the service's archive and records the
     * read in the audit trail.
     *
     * @throws ApiProblem 404 when the service holds no tenant data here, or the tenant was never
     *                    deleted (only a deleted tenant's records are kept)
     */
    public Read read(UUID tenantId, String service, long after, int limit, String reason, String actor) {
        if (!dataServices.names().contains(service)) {
            throw ApiProblem.notFound("No data service '" + service + "' (one of " + dataServices.names() + ").");
        }
        UUID jobId = tables.sql().queryForList("select id from " + tables.jobs() + " where subject_id = :tenant"
                        + " and kind = :kind and status = 'COMPLETED' order by completed_at desc limit 1",
                Map.of("tenant", tenantId, "kind", JobKind.TENANT.name()), UUID.class).stream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " has no completed deletion: the law keeps"
                        + " records only of a deleted tenant."));
        RetainedRecordPage page = participants.participant(service).retainedRecords(tenantId, after, limit);
        String head = audit.append(clock.instant(), DeletionAudit.Action.RETAINED_RECORDS_READ, jobId, JobKind.TENANT,
                tenantId, actor, DeletionAudit.details("service", service, "reason", reason, "after", after,
                        "limit", limit, "records", page.items().size(),
                        "record_ids", List.copyOf(page.items().stream().map(record -> record.recordId().toString()).toList())));
        return new Read(jobId, head, page);
    }
}
