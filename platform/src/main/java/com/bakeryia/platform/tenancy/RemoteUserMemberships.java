package com.bakeryia.platform.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.remote.RemoteServices;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The tenant service in another process, asked over its HTTP API with this process's service
 * token: the same endpoints (and rules) a service would call.
 *
 * <ul>
 *   <li>{@link #of}: {@code GET /api/v1/tenants/user/{user_id}/memberships}</li>
 *   <li>{@link #managers}: {@code GET /api/v1/tenants/{tenant_id}/admins}, page by page</li>
 *   <li>{@link #transferOwnership}: {@code POST /api/v1/tenants/{tenant_id}/transfer-ownership}</li>
 *   <li>{@link #markTenantDeleting}: {@code PUT /api/v1/tenants/{tenant_id}/status} {@code {"status":"DELETING"}}</li>
 *   <li>{@link #scheduleTenantDeletion}: the same with {@code {"status":"PENDING_DELETION","deletion_scheduled_for":...}}</li>
 *   <li>{@link #restoreTenant}: the same with {@code {"status":"ACTIVE"}}</li>
 *   <li>{@link #removeAll}: {@code DELETE /api/v1/tenants/user/{user_id}/memberships}</li>
 * </ul>
 */
public class RemoteUserMemberships implements UserMemberships {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String TENANT = "tenant";

    private final RemoteServices remoteServices;

    public RemoteUserMemberships(RemoteServices remoteServices) {
        this.remoteServices = remoteServices;
    }

    @Override
    public List<Membership> of(UUID userId) {
        List<Membership> memberships = new ArrayList<>();
        TenantServicePages.all(offset -> client().get()
                        .uri("/api/v1/tenants/user/{user_id}/memberships?limit={limit}&offset={offset}", userId,
                                TenantServicePages.LIMIT, offset)
                        .retrieve().body(JsonNode.class))
                .forEach(item -> memberships.add(new Membership(UUID.fromString(item.path("tenant_id").asString()),
                        TenantRole.valueOf(item.path("role").asString()), Instant.parse(item.path("joined_at").asString()))));
        return memberships;
    }

    @Override
    public List<Manager> managers(UUID tenantId) {
        try {
            return TenantServicePages.all(offset -> client().get()
                            .uri("/api/v1/tenants/{tenant_id}/admins?limit={limit}&offset={offset}", tenantId,
                                    TenantServicePages.LIMIT, offset)
                            .retrieve().body(JsonNode.class)).stream()
                    .map(item -> new Manager(UUID.fromString(item.path("user_id").asString()),
                            TenantRole.valueOf(item.path("role").asString()), Instant.parse(item.path("since").asString())))
                    .toList();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public void transferOwnership(UUID tenantId, UUID newOwnerId) {
        client().post().uri("/api/v1/tenants/{tenant_id}/transfer-ownership", tenantId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("new_owner_id", newOwnerId))
                .retrieve().toBodilessEntity();
    }

    @Override
    public void markTenantDeleting(UUID tenantId) {
        try {
            client().put().uri("/api/v1/tenants/{tenant_id}/status", tenantId)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("status", TenantStatus.DELETING.name()))
                    .retrieve().toBodilessEntity();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            // A tenant that no longer exists is left alone, as in process.
        }
    }

    @Override
    public boolean scheduleTenantDeletion(UUID tenantId, Instant deletionAt) {
        try {
            client().put().uri("/api/v1/tenants/{tenant_id}/status", tenantId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("status", TenantStatus.PENDING_DELETION.name(), "deletion_scheduled_for", deletionAt.toString()))
                    .retrieve().toBodilessEntity();
            return true;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.CONFLICT) {
                return false; // DELETING already
            }
            if (e.getStatusCode() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            return true;
        }
    }

    @Override
    public void restoreTenant(UUID tenantId) {
        try {
            client().put().uri("/api/v1/tenants/{tenant_id}/status", tenantId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("status", TenantStatus.ACTIVE.name())).retrieve().toBodilessEntity();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.CONFLICT) {
                throw new IllegalStateException("Tenant " + tenantId + " is already DELETING and cannot be restored", e);
            }
            throw e;
        }
    }

    @Override
    public Removal removeAll(UUID userId, UUID runId) {
        JsonNode answer = client().delete().uri("/api/v1/tenants/user/{user_id}/memberships?run_id={run}", userId, runId)
                .retrieve().body(JsonNode.class);
        if (answer == null) {
            throw new IllegalStateException("The tenant service answered the membership removal without a body");
        }
        List<UUID> blocking = new ArrayList<>();
        answer.path("blocking_tenant_ids").forEach(id -> blocking.add(UUID.fromString(id.asString())));
        return new Removal(answer.path("removed").asInt(), blocking);
    }

    private RestClient client() {
        return remoteServices.client(TENANT, TIMEOUT);
    }
}
