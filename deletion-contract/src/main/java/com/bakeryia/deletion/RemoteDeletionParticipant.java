package com.bakeryia.deletion;

import java.util.UUID;

import org.springframework.web.client.RestClient;

/**
 * A participant in another process, reached over its HTTP binding:
 * {@code DELETE /api/v1/{service}/{tenant|user}/{id}?run_id={run}} and
 * {@code GET /api/v1/{service}/{tenant|user}/{id}/deletion-preview} and {@code .../deletion-scan}, and
 * {@code GET /api/v1/{service}/tenant/{id}/retained-records}. The client is expected to
 * carry the base URL, a service token and timeouts; HTTP errors surface as exceptions (which
 * {@link SafeDeletion} turns into error results).
 */
public final class RemoteDeletionParticipant implements DeletionParticipant {

    private final String service;
    private final RestClient client;

    public RemoteDeletionParticipant(String service, RestClient client) {
        this.service = service;
        this.client = client;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public DeletionPreview preview(DeletionSubject subject) {
        return client.get()
                .uri("/api/v1/{service}/{scope}/{id}/deletion-preview", service, subject.scope().pathSegment(), subject.id())
                .retrieve()
                .body(DeletionPreview.class);
    }

    @Override
    public DeletionScan scan(DeletionSubject subject) {
        return client.get()
                .uri("/api/v1/{service}/{scope}/{id}/deletion-scan", service, subject.scope().pathSegment(), subject.id())
                .retrieve()
                .body(DeletionScan.class);
    }

    @Override
    public RetainedRecordPage retainedRecords(UUID tenantId, long after, int limit) {
        return client.get()
                .uri("/api/v1/{service}/tenant/{id}/retained-records?after={after}&limit={limit}", service, tenantId, after, limit)
                .retrieve()
                .body(RetainedRecordPage.class);
    }

    @Override
    public DeletionResult delete(DeletionSubject subject, UUID runId) {
        return client.delete()
                .uri("/api/v1/{service}/{scope}/{id}?run_id={run}", service, subject.scope().pathSegment(), subject.id(),
                        runId)
                .retrieve()
                .body(DeletionResult.class);
    }
}
