package com.bakeryia.platform.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.platform.remote.RemoteServices;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Asks the auth service in another process, with this process's service token. Nothing is cached:
 * every answer, platform roles included, is the account as auth holds it at that moment.
 */
public class RemoteUserDirectory implements UserDirectory {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RemoteServices remoteServices;

    public RemoteUserDirectory(RemoteServices remoteServices) {
        this.remoteServices = remoteServices;
    }

    @Override
    public Optional<Account> account(UUID userId) {
        try {
            JsonNode user = remoteServices.client("auth", TIMEOUT).get()
                    .uri("/api/v1/users/{user_id}", userId)
                    .retrieve()
                    .body(JsonNode.class);
            return Optional.ofNullable(user).map(found -> account(userId, found));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean scheduleDeletion(UUID userId, Instant deletionAt) {
        return setStatus(userId, AccountStatus.PENDING_DELETION, deletionAt);
    }

    @Override
    public boolean markDeleting(UUID userId) {
        return setStatus(userId, AccountStatus.DELETING, null);
    }

    @Override
    public boolean restore(UUID userId) {
        return setStatus(userId, AccountStatus.ACTIVE, null);
    }

    /** PUT the status: 200 (or 404 for a user that is gone, which the caller decides about) or 409 for a refused change. */
    private boolean setStatus(UUID userId, AccountStatus status, Instant deletionAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.name());
        if (deletionAt != null) {
            body.put("deletion_scheduled_for", deletionAt.toString());
        }
        try {
            remoteServices.client("auth", TIMEOUT).put()
                    .uri("/api/v1/users/{user_id}/status", userId)
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body)
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.CONFLICT) {
                return false;
            }
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                // Gone: nothing to schedule or restore; an erasure that already ran counts as deleting.
                return status == AccountStatus.DELETING || status == AccountStatus.PENDING_DELETION;
            }
            throw e;
        }
    }

    private static Account account(UUID userId, JsonNode user) {
        String scheduled = user.path("deletion_scheduled_for").asText(null);
        Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        // A role this process does not know (granted by a newer auth service) gives nothing here.
        user.path("platform_roles").forEach(role -> PlatformRole.named(role.asText()).ifPresent(roles::add));
        return new Account(userId, AccountStatus.valueOf(user.path("status").asText()),
                scheduled == null || scheduled.isEmpty() ? null : Instant.parse(scheduled), roles);
    }
}
