package com.bakeryia.orchestrator.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

import com.bakeryia.orchestrator.export.DataExport;
import com.bakeryia.orchestrator.export.DataExports;
import com.bakeryia.orchestrator.export.ExportKind;
import com.bakeryia.orchestrator.export.ExportStatus;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's own data (GDPR Art. 15 and 20), served by the orchestrator's process, for the person
 * themself, services and operators: their account, their memberships and every row of every service
 * that names them, in the format of a bakery's export. {@code POST /api/v1/users/{user_id}/exports}
 * queues one (202, Location); an account ACTIVE, DISABLED or PENDING_DELETION can be exported, one
 * being erased cannot (409), an erased one does not exist (404). {@code GET .../exports/{export_id}}
 * and {@code .../archive} as for a tenant.
 */
@Tag(name = "Personal data exports", description = "A person's own data (GDPR Art. 15 and 20): their account, memberships"
        + " and every row of every service that names them, as a ZIP in the format of a bakery's export. The person,"
        + " services and operators; an account being erased cannot be exported (409).")
@RestController
class UserExportController {

    private static final Logger log = LoggerFactory.getLogger(UserExportController.class);

    private final DataExports exports;
    private final UserDirectory users;

    UserExportController(DataExports exports, UserDirectory users) {
        this.exports = exports;
        this.users = users;
    }

    static TenantExportController.ExportAnswer answer(UUID userId, DataExport export) {
        return new TenantExportController.ExportAnswer(export, export.status() == ExportStatus.READY
                ? path(userId, export.exportId()) + "/archive" : null);
    }

    static String path(UUID userId, UUID exportId) {
        return "/api/v1/users/" + userId + "/exports/" + exportId;
    }

    @Operation(operationId = "startUserExport", summary = "Start an export of a person's own data: account, memberships, every row naming them")
    @ApiResponse(responseCode = "202", description = "The export, QUEUED; Location names it")
    @ApiResponse(responseCode = "400", description = "A malformed user id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the person, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user (an erased person no longer exists)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The person is being erased", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "The person had an export asked for within bakery.export.per-subject-interval"
            + " (a day by default); Retry-After says in how many seconds the next may be", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/users/{user_id}/exports")
    ResponseEntity<TenantExportController.ExportAnswer> start(@PathVariable("user_id") UUID userId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        UserDirectory.Account account = requireSelfOrSupervisor(userId, caller);
        if (account.status() == UserDirectory.AccountStatus.DELETING) {
            throw ApiProblem.conflict("User " + userId + " is being erased; their data can no longer be exported.");
        }
        DataExport export;
        try {
            export = exports.startUserExport(userId, Initiator.of(caller).actor());
        } catch (DataExports.TooSoonException e) {
            throw TenantExportController.tooSoon("User " + userId, e);
        }
        log.info("User {}: export {} of their data asked for by {} {}", userId, export.exportId(), caller.kind(), caller.subject());
        return ResponseEntity.accepted().location(URI.create(path(userId, export.exportId())))
                .body(answer(userId, export));
    }

    @Operation(operationId = "getUserExport", summary = "Read a personal data export's status and progress, and where to download it once READY")
    @ApiResponse(responseCode = "200", description = "The export")
    @ApiResponse(responseCode = "400", description = "A malformed id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the person, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user, or no such export of theirs", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/users/{user_id}/exports/{export_id}")
    TenantExportController.ExportAnswer get(@PathVariable("user_id") UUID userId, @PathVariable("export_id") UUID exportId,
                     Authentication authentication) {
        requireSelfOrSupervisor(userId, CallerPrincipal.of(authentication));
        return answer(userId, export(userId, exportId));
    }

    @Operation(operationId = "downloadUserExport", summary = "Download a READY personal data export (a ZIP; HTTP range requests resume it)")
    @ApiResponse(responseCode = "200", description = "The archive",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", maxLength = Integer.MAX_VALUE)))
    @ApiResponse(responseCode = "206", description = "The byte ranges asked for",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", maxLength = Integer.MAX_VALUE)))
    @ApiResponse(responseCode = "400", description = "A malformed id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the person, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such user, or no such export of theirs", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The export is not READY yet, or it FAILED", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "The export's link expired and its file is deleted", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/users/{user_id}/exports/{export_id}/archive")
    ResponseEntity<Resource> download(@PathVariable("user_id") UUID userId, @PathVariable("export_id") UUID exportId,
                                      @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.RANGE,
                                              required = false) @io.swagger.v3.oas.annotations.Parameter(hidden = true) String range,
                                      Authentication authentication) {
        requireSelfOrSupervisor(userId, CallerPrincipal.of(authentication));
        DataExport export = export(userId, exportId);
        if (export.status() == ExportStatus.EXPIRED) {
            throw ApiProblem.of(org.springframework.http.HttpStatus.GONE, "Export " + exportId + " expired at "
                    + export.expiresAt() + " and its file is deleted; start a new one.");
        }
        Path archive = exports.archive(exportId).orElseThrow(() -> ApiProblem.conflict("Export " + exportId + " is "
                + export.status() + "; its archive can be downloaded once it is READY."));
        exports.downloaded(export, Initiator.of(CallerPrincipal.of(authentication)).actor(), range);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("user-" + userId + "-export-" + exportId + ".zip").build().toString())
                .body(new FileSystemResource(archive));
    }

    private DataExport export(UUID userId, UUID exportId) {
        return exports.find(exportId).filter(found -> found.kind() == ExportKind.USER && found.subjectId().equals(userId))
                .orElseThrow(() -> ApiProblem.notFound("User " + userId + " has no export " + exportId + "."));
    }

    /** The person themself, services and operators; 404 when the account does not exist. */
    private UserDirectory.Account requireSelfOrSupervisor(UUID userId, CallerPrincipal caller) {
        SubjectIds.requirePossible("user_id", userId);
        if (!DeletionSupervisors.includes(caller) && !caller.userId().map(userId::equals).orElse(false)) {
            throw ApiProblem.forbidden("Only the person themself, a service or an operator may export the data of user "
                    + userId + ".");
        }
        return users.account(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
    }
}
