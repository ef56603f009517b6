package com.bakeryia.orchestrator;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.SafeDeletion;

/**
 * The default final step: the tenant service's own deletion participant, {@code tenant}, found like
 * every other participant (in this process when the tenant service runs here, otherwise over HTTP
 * at {@code bakery.services.tenant.url}). The tenant is not one of
 * {@code bakery.orchestrator.participants}: it gets no DELETE or VERIFY step, only this one, last.
 */
class TenantParticipantRecordRemoval implements TenantRecordRemoval {

    /** The name of the tenant service's participant. */
    static final String TENANT_SERVICE = DeletionJobStore.TENANT_RECORD_SERVICE;

    private final ParticipantDirectory participants;
    private final Clock clock;

    TenantParticipantRecordRemoval(ParticipantDirectory participants, Clock clock) {
        this.participants = participants;
        this.clock = clock;
    }

    @Override
    public Map<String, Long> removeTenantRecord(UUID tenantId) {
        DeletionResult result = SafeDeletion.delete(participants.participant(TENANT_SERVICE), DeletionSubject.tenant(tenantId), clock);
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join("; ", result.errors()));
        }
        return result.deleted();
    }
}
