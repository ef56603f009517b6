package com.bakeryia.platform.deletion;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.security.CallerPrincipal;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

/**
 * Starts jobs in the orchestrator of a remote auth service, with this process's service token:
 * {@code POST /api/v1/deletion-jobs} with {@code {"kind":"TENANT","tenant_id":...,"initiated_by_user_id":...}}
 * (the user id only when a user asked; otherwise the job records the calling service).
 */
public class RemoteDeletionJobLauncher implements DeletionJobLauncher {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final RemoteServices remoteServices;

    public RemoteDeletionJobLauncher(RemoteServices remoteServices) {
        this.remoteServices = remoteServices;
    }

    @Override
    public DeletionJobRef startTenantDeletion(UUID tenantId, CallerPrincipal initiator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "TENANT");
        body.put("tenant_id", tenantId);
        initiator.userId().ifPresent(userId -> body.put("initiated_by_user_id", userId));
        JsonNode job = remoteServices.client("auth", TIMEOUT).post()
                .uri("/api/v1/deletion-jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
        if (job == null || !job.path("job_id").isString()) {
            throw new IllegalStateException("The auth service answered the deletion-job request without a job id");
        }
        return new DeletionJobRef(UUID.fromString(job.path("job_id").asString()), job.path("status").asString());
    }
}
