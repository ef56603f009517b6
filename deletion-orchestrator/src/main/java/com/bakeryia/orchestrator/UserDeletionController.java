package com.bakeryia.orchestrator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deleting a user (right to erasure), served by the orchestrator's process: {@code DELETE /api/v1/users/{user_id}} starts (or answers the
 * unfinished) USER deletion job, 202; {@code GET /api/v1/users/{user_id}/deletion-preview} says what
 * it would do. The user themself or a service; anyone else 403. Parameters, both optional:
 * {@code owned_tenants=transfer|delete} (default transfer) and repeated
 * {@code new_owner=<tenant_id>:<user_id>}, the chosen new owner of a tenant the user owns.
 */
@RestController
class UserDeletionController {

    private final UserDeletions deletions;
    private final UserDirectory users;

    UserDeletionController(UserDeletions deletions, UserDirectory users) {
        this.deletions = deletions;
        this.users = users;
    }

    @Operation(summary = "Erase a user (GDPR Art. 17): start (or answer) their USER deletion job")
    @ApiResponse(responseCode = "202", description = "The job, new or the one already under way; Location names it")
    @ApiResponse(responseCode = "400", description = "A malformed id, the tombstone id, or a bad owned_tenants or new_owner parameter", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither the user themself nor a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "An owned tenant has no admin to take it over; nothing was started", content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/api/v1/users/{user_id}")
    ResponseEntity<DeletionJobSummary> delete(@PathVariable("user_id") UUID userId,
                                              @RequestParam(name = "owned_tenants", required = false) String ownedTenants,
                                              @RequestParam(name = "new_owner", required = false) List<String> newOwners,
                                              Authentication authentication) {
        CallerPrincipal caller = requireSelfOrService(userId, authentication);
        UserDeletions.Request request = request(userId, ownedTenants, newOwners);
        DeletionJobSummary job = deletions.unfinishedJob(userId).orElseGet(() -> {
            requireExists(userId);
            return deletions.start(request, Initiator.of(caller));
        });
        return ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + job.jobId())).body(job);
    }

    @Operation(summary = "What erasing the user would do: owned tenants, memberships, rows per service; changes nothing")
    @ApiResponse(responseCode = "200", description = "The plan for owned tenants, the memberships, counts per service and table")
    @ApiResponse(responseCode = "400", description = "A malformed id, the tombstone id, or a bad owned_tenants or new_owner parameter", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither the user themself nor a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/users/{user_id}/deletion-preview")
    UserDeletionPreview preview(@PathVariable("user_id") UUID userId,
                                @RequestParam(name = "owned_tenants", required = false) String ownedTenants,
                                @RequestParam(name = "new_owner", required = false) List<String> newOwners,
                                Authentication authentication) {
        requireSelfOrService(userId, authentication);
        UserDeletions.Request request = request(userId, ownedTenants, newOwners);
        requireExists(userId);
        return deletions.preview(request);
    }

    private void requireExists(UUID userId) {
        if (!users.exists(userId)) {
            throw ApiProblem.notFound("User " + userId + " does not exist.");
        }
    }

    private static CallerPrincipal requireSelfOrService(UUID userId, Authentication authentication) {
        SubjectIds.requirePossible("user_id", userId);
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        if (!caller.isService() && !caller.userId().map(userId::equals).orElse(false)) {
            throw ApiProblem.forbidden("Only the user themself or a service may delete user " + userId + ".");
        }
        return caller;
    }

    private static UserDeletions.Request request(UUID userId, String ownedTenants, List<String> newOwners) {
        UserDeletions.OwnedTenants mode = UserDeletions.OwnedTenants.TRANSFER;
        if (ownedTenants != null) {
            try {
                mode = UserDeletions.OwnedTenants.valueOf(ownedTenants.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("owned_tenants must be transfer or delete, not '" + ownedTenants + "'.")
                        .with("field", "owned_tenants");
            }
        }
        Map<UUID, UUID> chosen = new LinkedHashMap<>();
        for (String value : newOwners == null ? List.<String>of() : newOwners) {
            String[] parts = value.split(":", -1);
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                UUID tenant = UUID.fromString(parts[0].trim());
                if (chosen.put(tenant, UUID.fromString(parts[1].trim())) != null) {
                    throw ApiProblem.badRequest("new_owner names tenant " + tenant + " twice.").with("field", "new_owner");
                }
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("new_owner must be <tenant_id>:<user_id> (two UUIDs), not '" + value + "'.")
                        .with("field", "new_owner");
            }
        }
        return new UserDeletions.Request(userId, mode, chosen);
    }
}
