package com.bakeryia.orchestrator.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.orchestrator.requests.UserDeletionPreview;
import com.bakeryia.orchestrator.requests.UserDeletions;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deleting a user (right to erasure), served by the orchestrator's process: {@code DELETE /api/v1/users/{user_id}}
 * schedules (after the grace window, the account locked at once) or starts (a service's or an
 * operator's {@code immediate=true}), or answers the unfinished, USER deletion job, 202;
 * {@code GET /api/v1/users/{user_id}/deletion-preview} says what it would do. The user themself,
 * a service or an operator; anyone else 403. Parameters, both optional: {@code owned_tenants=transfer|delete}
 * (default transfer) and repeated {@code new_owner=<tenant_id>:<user_id>}, the chosen new owner of a
 * tenant the user owns. {@code POST /api/v1/users/{user_id}/restore} (services and operators: the
 * person is locked out, and cancels by logging in with {@code cancel_deletion}) cancels a scheduled deletion.
 */
@Tag(name = "User deletion", description = "Deleting a user (right to erasure), served by the orchestrator's process: `DELETE "
        + "/api/v1/users/{user_id}` schedules (after the grace window, the account locked at once) or "
        + "starts (a service's or an operator's `immediate=true`), or answers the unfinished, USER deletion job, 202; "
        + "`GET /api/v1/users/{user_id}/deletion-preview` says what it would do. The user themself, "
        + "a service or an operator; anyone else 403. Parameters, both optional: `owned_tenants=transfer|delete` "
        + "(default transfer) and repeated `new_owner=<tenant_id>:<user_id>`, the chosen new owner of "
        + "a tenant the user owns. `POST /api/v1/users/{user_id}/restore` (services and operators: the person "
        + "is locked out, and cancels by logging in with `cancel_deletion`) cancels a scheduled "
        + "deletion.")
@RestController
class UserDeletionController {

    private static final Logger log = LoggerFactory.getLogger(UserDeletionController.class);

    private final UserDeletions deletions;
    private final UserDirectory users;
    private final DeletionCertificates certificates;

    UserDeletionController(UserDeletions deletions, UserDirectory users, DeletionCertificates certificates) {
        this.deletions = deletions;
        this.users = users;
        this.certificates = certificates;
    }

    /**
     * The answer to a deletion request: the job, and the hand-over of its certificate to the person,
     * who cannot log in once erased. Each answer carries a fresh token (the newest one counts).
     *
     * @param certificateToken the credential of {@code certificate_url}, sent in the
     *                         {@code Deletion-Certificate-Token} header; shown once, only its hash is kept
     * @param certificateUrl   where the certificate can be read without logging in once the job completes
     * @param exportUrl        while the erasure is SCHEDULED: where to start an export of the person's
     *                         data (POST); the person is locked out from the request on, so a service
     *                         or an operator starts it for them (a person exports before asking)
     */
    @Schema(name = "UserDeletionStarted")
    record UserDeletionAnswer(@JsonUnwrapped DeletionJobSummary job, String certificateToken, String certificateUrl,
                              @Schema(description = "While the erasure is SCHEDULED: where to start an export of the"
                                      + " person's data (POST), which the window still allows; the person is locked"
                                      + " out from the request on, so a service or an operator starts it for them."
                                      + " Absent once the erasure is under way", maxLength = 200) String exportUrl) {
    }

    /**
     * The answer to a restore: the account ACTIVE again, and its job, now CANCELLED, with every
     * field of a job, when it had one (a locked account without a job has none).
     *
     * @param job           the cancelled job; absent when there was none
     * @param userId        the user
     * @param accountStatus the standing the account returned to: ACTIVE, or DISABLED when it was disabled before its deletion was scheduled
     */
    @Schema(name = "UserRestored", description = "The account back in its standing from before (ACTIVE, or DISABLED), with the fields of its cancelled deletion job"
            + " when it had one")
    record UserRestored(@JsonUnwrapped DeletionJobSummary job, UUID userId, UserDirectory.AccountStatus accountStatus) {
    }

    @Operation(operationId = "deleteUser", summary = "Erase a user (GDPR Art. 17): after the grace window (SCHEDULED, the account locked at once,"
            + " restorable), or at once for a service or an operator with immediate=true; answers the user's unfinished"
            + " job when there is one")
    @ApiResponse(responseCode = "202", description = "The job (SCHEDULED with scheduled_for, or under way), new or the one"
            + " already there; Location names it. certificate_token and certificate_url hand the deletion certificate"
            + " over to the person, who cannot log in once erased: keep them (each answer gives a token of its own;"
            + " every token given out for the job keeps working, so a repeat by support or an operator never"
            + " invalidates the person's). While it is SCHEDULED, export_url is where a service or an operator starts an"
            + " export of the person's data (POST) for them")
    @ApiResponse(responseCode = "400", description = "A malformed id, the tombstone id, or a bad owned_tenants or new_owner parameter", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither the user themself, a service nor an operator; or the user themself asked for immediate=true", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "An owned tenant has no admin to take it over, or the person cancelled"
            + " their deletion while it was starting; nothing was started", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The auth service or the job store could not be reached; repeat the request", content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/api/v1/users/{user_id}")
    ResponseEntity<UserDeletionAnswer> delete(@PathVariable("user_id") UUID userId,
                                              @RequestParam(name = "owned_tenants", required = false) String ownedTenants,
                                              @RequestParam(name = "new_owner", required = false) List<String> newOwners,
                                              @RequestParam(name = "immediate", defaultValue = "false") boolean immediate,
                                              Authentication authentication) {
        CallerPrincipal caller = requireSelfOrSupervisor(userId, authentication);
        if (immediate && !DeletionSupervisors.includes(caller)) {
            throw ApiProblem.forbidden("Only services and operators may skip the deletion window (immediate=true); a"
                    + " person's erasure starts after the window, during which they can cancel it by logging in.");
        }
        UserDeletions.Request request = request(userId, ownedTenants, newOwners);
        DeletionJobSummary job;
        try {
            if (deletions.unfinishedJob(userId).isEmpty()) {
                requireExists(userId);
            }
            job = immediate ? deletions.start(request, Initiator.of(caller), java.time.Duration.ZERO)
                    : deletions.start(request, Initiator.of(caller));
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            log.warn("User {}: deletion could not be started: {}", userId, e.getMessage());
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "The deletion of user " + userId + " could not be"
                    + " started right now; repeat the request (it never starts a second job).");
        }
        log.info("User {}: deletion asked for by {} {}; deletion job {} is {}", userId, caller.kind(), caller.subject(),
                job.jobId(), job.status());
        String token = certificates.newHandOverToken(job.jobId());
        String certificateUrl = DeletionCertificateController.HAND_OVER_PATH.replace("{job_id}", job.jobId().toString());
        return ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + job.jobId()))
                .body(new UserDeletionAnswer(DeletionSupervisors.includes(caller) ? job : job.withoutErrorDetail(), token,
                        certificateUrl, job.status() == JobStatus.SCHEDULED ? "/api/v1/users/" + userId + "/exports" : null));
    }

    @Operation(operationId = "restoreUser", summary = "Restore a user whose erasure is scheduled (services and operators): the job is cancelled, the"
            + " account ACTIVE again, nothing deleted")
    @ApiResponse(responseCode = "200", description = "The account ACTIVE again, with its cancelled job (none for a locked"
            + " account without a job)")
    @ApiResponse(responseCode = "400", description = "A malformed id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither a service nor an operator (a person cancels their own"
            + " deletion by logging in with cancel_deletion)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "No deletion is scheduled, or it has started and cannot be undone",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The auth service or the job store could not be reached; repeat the request",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/users/{user_id}/restore")
    ResponseEntity<UserRestored> restore(@PathVariable("user_id") UUID userId, Authentication authentication) {
        SubjectIds.requirePossible("user_id", userId);
        if (!DeletionSupervisors.includes(CallerPrincipal.of(authentication))) {
            throw ApiProblem.forbidden("Only services and operators may restore user " + userId + "; a person cancels"
                    + " their own deletion by logging in with cancel_deletion.");
        }
        UserDeletions.Restore restore;
        try {
            restore = deletions.restore(userId, Initiator.of(CallerPrincipal.of(authentication)));
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            // The job may be cancelled already while the account is still locked: repeating the
            // restore makes it ACTIVE (a PENDING_DELETION account without a job is restored).
            log.warn("User {}: restore could not be completed: {}", userId, e.getMessage());
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "User " + userId + " could not be restored right now"
                    + " (the auth service or the job store did not answer); repeat the request.");
        }
        UUID jobId = restore.job().map(DeletionJobSummary::jobId).orElse(null);
        return switch (restore.outcome()) {
            // The standing the account returned to: ACTIVE, or DISABLED for an account disabled before.
            case RESTORED -> ResponseEntity.ok(new UserRestored(restore.job().orElse(null), userId,
                    users.account(userId).map(UserDirectory.Account::status).orElse(UserDirectory.AccountStatus.ACTIVE)));
            case STARTED -> throw ApiProblem.conflict("The erasure of user " + userId + " has started"
                    + restore.job().filter(job -> job.status() != JobStatus.CANCELLED)
                            .map(job -> " (job " + job.jobId() + " is " + job.status() + ")")
                            .orElse(" (the auth service reports the account DELETING; repeat the DELETE to finish it)")
                    + "; deleted data cannot be restored.").with("job_id", jobId);
            case NOT_SCHEDULED -> throw ApiProblem.conflict("No deletion of user " + userId + " is scheduled;"
                    + " there is nothing to restore.");
            case NOT_FOUND -> throw ApiProblem.notFound("User " + userId + " does not exist.");
        };
    }

    @Operation(operationId = "previewUserDeletion", summary = "What erasing the user would do: owned tenants, memberships, rows per service; changes nothing")
    @ApiResponse(responseCode = "200", description = "The plan for owned tenants, the memberships, counts per service and table")
    @ApiResponse(responseCode = "400", description = "A malformed id, the tombstone id, or a bad owned_tenants or new_owner parameter", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither the user themself, a service nor an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/users/{user_id}/deletion-preview")
    UserDeletionPreview preview(@PathVariable("user_id") UUID userId,
                                @RequestParam(name = "owned_tenants", required = false) String ownedTenants,
                                @RequestParam(name = "new_owner", required = false) List<String> newOwners,
                                Authentication authentication) {
        CallerPrincipal caller = requireSelfOrSupervisor(userId, authentication);
        UserDeletions.Request request = request(userId, ownedTenants, newOwners);
        requireExists(userId);
        UserDeletionPreview preview = deletions.preview(request);
        return DeletionSupervisors.includes(caller) ? preview : preview.withoutErrorDetail();
    }

    private void requireExists(UUID userId) {
        if (!users.exists(userId)) {
            throw ApiProblem.notFound("User " + userId + " does not exist.");
        }
    }

    private static CallerPrincipal requireSelfOrSupervisor(UUID userId, Authentication authentication) {
        SubjectIds.requirePossible("user_id", userId);
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        if (!DeletionSupervisors.includes(caller) && !caller.userId().map(userId::equals).orElse(false)) {
            throw ApiProblem.forbidden("Only the user themself, a service or an operator may delete user " + userId + ".");
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
