package com.bakeryia.auth;

import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account, and user lookups and the account's deletion lifecycle for other services. */
@Tag(name = "users", description = "The signed-in user's own account, and user lookups and the account's deletion lifecycle for "
        + "other services.")
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    /** Users only: their own account. */
    @Operation(summary = "The caller's own account",
            description = "Users only: their own account.")
    @GetMapping("/me")
    @PreAuthorize("hasRole('USER')")
    UserView me(Authentication authentication) {
        UUID userId = CallerPrincipal.of(authentication).userId()
                .orElseThrow(() -> ApiProblem.unauthorized("The token's subject is not a user id."));
        return users.find(userId).orElseThrow(() -> ApiProblem.notFound("Your account no longer exists."));
    }

    /** Services only: whether and as whom a user exists (for example before adding a membership), and in which standing. */
    @Operation(summary = "Read a user account (services)",
            description = "Services only: whether and as whom a user exists (for example before adding a membership), "
            + "and in which standing.")
    @GetMapping("/{user_id}")
    @PreAuthorize("hasRole('SERVICE')")
    UserView user(@PathVariable("user_id") UUID userId) {
        return users.find(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
    }

    /** The standing a service moves an account to in its deletion lifecycle. */
    enum LifecycleStatus { PENDING_DELETION, DELETING, ACTIVE }

    /**
     * @param deletionScheduledFor required with PENDING_DELETION: when the erasure starts
     */
    record StatusChange(@NotNull LifecycleStatus status, Instant deletionScheduledFor) {
    }

    @Operation(summary = "Move an account through its deletion lifecycle (services only; the deletion orchestrator):"
            + " PENDING_DELETION locks the person out and revokes their refresh tokens, DELETING starts the erasure"
            + " for good, ACTIVE cancels a scheduled deletion")
    @ApiResponse(responseCode = "200", description = "The account in its new standing")
    @ApiResponse(responseCode = "400", description = "An unknown status, or PENDING_DELETION without deletion_scheduled_for",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user (never was, or erased)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The change is not allowed from the account's standing: its erasure"
            + " has started (no schedule or restore any more), or its deletion was cancelled (it cannot start)",
            content = @Content(mediaType = "application/problem+json"))
    @PutMapping("/{user_id}/status")
    @PreAuthorize("hasRole('SERVICE')")
    UserView changeStatus(@PathVariable("user_id") UUID userId, @Valid @RequestBody StatusChange change) {
        if (users.find(userId).isEmpty()) {
            throw ApiProblem.notFound("User " + userId + " does not exist.");
        }
        boolean changed = switch (change.status()) {
            case PENDING_DELETION -> {
                if (change.deletionScheduledFor() == null) {
                    throw ApiProblem.badRequest("deletion_scheduled_for is required with status PENDING_DELETION.")
                            .with("field", "deletion_scheduled_for");
                }
                yield users.scheduleDeletion(userId, change.deletionScheduledFor());
            }
            case DELETING -> users.markDeleting(userId);
            case ACTIVE -> users.restore(userId);
        };
        UserView after = users.find(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
        if (!changed) {
            throw ApiProblem.conflict("User " + userId + " is " + after.status() + "; it cannot become "
                    + change.status() + (Users.DELETING.equals(after.status())
                    ? " (its erasure has started and cannot be undone)." : " (its deletion is not scheduled).")
                    ).with("status", after.status());
        }
        return after;
    }
}
