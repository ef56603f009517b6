package com.bakeryia.platform.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.remote.RemoteServices;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/** Asks the tenant service in another process, with this process's service token. */
public class RemoteTenantDirectory implements TenantDirectory {

    private final RemoteServices remoteServices;

    public RemoteTenantDirectory(RemoteServices remoteServices) {
        this.remoteServices = remoteServices;
    }

    @Override
    public Optional<TenantAccess> access(UUID tenantId, UUID userId) {
        try {
            return Optional.ofNullable(remoteServices.client("tenant", Duration.ofSeconds(5)).get()
                    .uri("/api/v1/tenants/{tenant_id}/access?user_id={user_id}", tenantId, userId)
                    .retrieve()
                    .body(TenantAccess.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<UUID> memberIds(UUID tenantId) {
        try {
            return TenantServicePages.all(offset -> remoteServices.client("tenant", Duration.ofSeconds(5)).get()
                            .uri("/api/v1/tenants/{tenant_id}/members?limit={limit}&offset={offset}", tenantId,
                                    TenantServicePages.LIMIT, offset)
                            .retrieve()
                            .body(JsonNode.class)).stream()
                    .map(member -> UUID.fromString(member.path("user_id").asString()))
                    .toList();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }
}
