package com.bakeryia.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.platform.identity.PlatformRole;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own account, and for other services user lookups, the account's deletion
 * lifecycle and its platform roles.
 */
@Tag(name = "Users", description = "The signed-in user's own account, and for other services user lookups, the account's"
        + " deletion lifecycle and its platform roles.")
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private static final Logger log = LoggerFactory.getLogger(UserController.class);

    private final Users users;
    private final Registrations registrations;

    UserController(Users users, Registrations registrations) {
        this.users = users;
        this.registrations = registrations;
    }

    /** Users only: their own account, with the platform roles they hold (a console offers itself to an OPERATOR). */
    @Operation(operationId = "getCurrentUser", summary = "The caller's own account",
            description = "Users only: their own account, with platform_roles, the roles they hold on the platform as a"
                    + " whole (OPERATOR: the deletion records of every tenant and user; nothing else).")
    @GetMapping("/me")
    @PreAuthorize("hasRole('USER')")
    UserView me(Authentication authentication) {
        UUID userId = CallerPrincipal.of(authentication).userId()
                .orElseThrow(() -> ApiProblem.unauthorized("The token's subject is not a user id."));
        return users.find(userId).orElseThrow(() -> ApiProblem.notFound("Your account no longer exists."));
    }

    /**
     * Whether a new link was mailed.
     *
     * @param mailed false when the address is verified already, or a link mailed in the last minutes still works
     */
    @Schema(name = "EmailVerificationResend")
    record VerificationResend(boolean mailed) {
    }

    @Operation(operationId = "resendEmailVerification", summary = "Mail the caller a new link to verify their address",
            description = "Users only, for their own account: a new verification link is mailed to the account's address,"
                    + " unless it is verified already or a link mailed in the last 10 minutes still works (mailed says which).")
    @ApiResponse(responseCode = "202", description = "mailed: whether a new link was queued for the account's address")
    @ApiResponse(responseCode = "403", description = "Not a user", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/me/email-verification")
    @PreAuthorize("hasRole('USER')")
    ResponseEntity<VerificationResend> resendVerification(Authentication authentication) {
        UserView user = me(authentication);
        return ResponseEntity.accepted().body(new VerificationResend(registrations.resendVerification(user, Registrations.RESEND_PAUSE)));
    }

    /**
     * Services only: whether and as whom a user exists (for example before adding a membership), in
     * which standing, and with which platform roles (every process's check of a user request reads it).
     */
    @Operation(operationId = "getUser", summary = "Read a user account (services)",
            description = "Services only: whether and as whom a user exists (for example before adding a membership), "
            + "in which standing, and with which platform roles (platform_roles) now.")
    @GetMapping("/{user_id}")
    @PreAuthorize("hasRole('SERVICE')")
    UserView user(@PathVariable("user_id") UUID userId) {
        return users.find(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
    }

    /**
     * The platform roles a service grants an account: exactly these, the rest revoked.
     *
     * @param platformRoles every role the account is to hold; empty revokes them all
     */
    record PlatformRolesChange(@NotNull @Size(max = 10) List<@NotNull PlatformRole> platformRoles) {
    }

    @Operation(operationId = "setUserPlatformRoles", summary = "Grant or revoke an account's platform roles (services only)",
            description = "Services only: the account holds exactly the roles given from the next request on, in every"
                    + " process (tokens do not carry roles; every request reads them). [] revokes them all. A role can be"
                    + " added only to an ACTIVE account; removing one always works. OPERATOR acts on the deletion records of"
                    + " every tenant and user and gives nothing else; RECORDS_OFFICER reads what the law keeps of deleted"
                    + " tenants, one read at a time with a reason, and gives nothing else. An address named in bakery.auth.operators keeps"
                    + " OPERATOR whatever this grants, for as long as the setting names it; the answer shows the roles held.")
    // 401 and the problem+json bodies come from the platform's API contract, as on every operation.
    @ApiResponse(responseCode = "200", description = "The account with the platform roles it now holds")
    @ApiResponse(responseCode = "400", description = "platform_roles missing, not a list, or naming an unknown role")
    @ApiResponse(responseCode = "403", description = "Not a service: no person grants roles, an operator neither")
    @ApiResponse(responseCode = "404", description = "No such user (never was, or erased)")
    @ApiResponse(responseCode = "409", description = "A role would be added to an account that is not ACTIVE (scheduled"
            + " for deletion, being erased, or disabled); status names its standing")
    @PutMapping("/{user_id}/platform-roles")
    @PreAuthorize("hasRole('SERVICE')")
    UserView grantPlatformRoles(@PathVariable("user_id") UUID userId, @Valid @RequestBody PlatformRolesChange change,
                                Authentication authentication) {
        Set<PlatformRole> roles = change.platformRoles().isEmpty() ? EnumSet.noneOf(PlatformRole.class)
                : EnumSet.copyOf(change.platformRoles());
        Map.Entry<Users.RoleChange, Set<PlatformRole>> result = users.grantPlatformRoles(userId, roles);
        UserView after = users.find(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
        switch (result.getKey()) {
            case NOT_FOUND -> throw ApiProblem.notFound("User " + userId + " does not exist.");
            case NOT_ACTIVE -> throw ApiProblem.conflict("User " + userId + " is " + after.status() + "; a platform role"
                    + " can be granted only to an ACTIVE account (removing roles always works).")
                    .with("status", after.status());
            case CHANGED -> log.info("User {}: platform roles granted {} (were {}) by service {}; holds {} now", userId,
                    roles, result.getValue(), CallerPrincipal.of(authentication).subject(), after.platformRoles());
        }
        return after;
    }

    /** The standing a service moves an account to in its deletion lifecycle. */
    enum LifecycleStatus { PENDING_DELETION, DELETING, ACTIVE }

    /**
     * @param deletionScheduledFor required with PENDING_DELETION: when the erasure starts
     */
    @Schema(name = "UserStatusChange")
    record StatusChange(@NotNull LifecycleStatus status, Instant deletionScheduledFor) {
    }

    @Operation(operationId = "changeUserStatus", summary = "Move an account through its deletion lifecycle (services only; the deletion orchestrator):"
            + " PENDING_DELETION locks the person out and revokes their refresh tokens, DELETING starts the erasure"
            + " for good, ACTIVE cancels a scheduled deletion (the account returns to the standing it had before it:"
            + " a DISABLED account stays DISABLED)")
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
