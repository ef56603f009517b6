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
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
 * A bakery's export (GDPR Art. 20), served by the orchestrator's process, for the tenant's OWNER
 * and ADMINs, services and operators. {@code POST /api/v1/tenants/{tenant_id}/exports} queues one
 * (202, Location); an ACTIVE tenant or one PENDING_DELETION (the grace window is when an owner most
 * needs it) can be exported, a tenant being deleted cannot (409), a deleted one does not exist
 * (404). {@code GET .../exports/{export_id}} answers its progress and, once READY, where to
 * download it; {@code GET .../exports/{export_id}/archive} is the ZIP, with HTTP range requests.
 */
@Tag(name = "Tenant exports", description = "A bakery's export (GDPR Art. 20): every service's rows of the tenant as one"
        + " ZIP (NDJSON and CSV per table, manifest.json with per-file rows and SHA-256, signed with the certificate keys"
        + " as manifest.jws). The tenant's OWNER and ADMINs, services and operators; a tenant PENDING_DELETION can"
        + " still be exported, one being deleted cannot (409).")
@RestController
class TenantExportController {

    private static final Logger log = LoggerFactory.getLogger(TenantExportController.class);

    /** Services and operators ask with the nil user: the tenant's status only. */
    private static final UUID NO_USER = new UUID(0, 0);

    private final DataExports exports;
    private final TenantDirectory tenants;

    TenantExportController(DataExports exports, TenantDirectory tenants) {
        this.exports = exports;
        this.tenants = tenants;
    }

    /**
     * An export as the API answers it.
     *
     * @param export      the export's fields
     * @param archiveUrl  where to download the archive, once READY (until {@code expires_at})
     */
    @Schema(name = "DataExport", description = "An export: its status, progress and, once READY, where to download it")
    record ExportAnswer(@JsonUnwrapped DataExport export,
                        @Schema(description = "Where to download the archive, once READY", maxLength = 200) String archiveUrl) {

        static ExportAnswer of(UUID tenantId, DataExport export) {
            return new ExportAnswer(export, export.status() == ExportStatus.READY
                    ? path(tenantId, export.exportId()) + "/archive" : null);
        }
    }

    static String path(UUID tenantId, UUID exportId) {
        return "/api/v1/tenants/" + tenantId + "/exports/" + exportId;
    }

    @Operation(operationId = "startTenantExport", summary = "Start an export of every row of the tenant in every service")
    @ApiResponse(responseCode = "202", description = "The export, QUEUED; Location names it")
    @ApiResponse(responseCode = "400", description = "A malformed tenant id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant (a deleted tenant no longer exists)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The tenant is being deleted", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "The tenant had an export asked for within bakery.export.per-subject-interval"
            + " (a day by default); Retry-After says in how many seconds the next may be", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/tenants/{tenant_id}/exports")
    ResponseEntity<ExportAnswer> start(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        TenantAccess access = requireManager(tenantId, caller, "export it");
        if (access.status() != TenantStatus.ACTIVE && access.status() != TenantStatus.PENDING_DELETION) {
            throw ApiProblem.conflict("Tenant " + tenantId + " is " + access.status() + ": its data is being deleted and"
                    + " can no longer be exported.");
        }
        DataExport export;
        try {
            export = exports.startTenantExport(tenantId, Initiator.of(caller).actor());
        } catch (DataExports.TooSoonException e) {
            throw tooSoon("Tenant " + tenantId, e);
        }
        log.info("Tenant {}: export {} asked for by {} {}", tenantId, export.exportId(), caller.kind(), caller.subject());
        return ResponseEntity.accepted().location(URI.create(path(tenantId, export.exportId())))
                .body(ExportAnswer.of(tenantId, export));
    }

    @Operation(operationId = "getTenantExport", summary = "Read a tenant export's status and progress, and where to download it once READY")
    @ApiResponse(responseCode = "200", description = "The export")
    @ApiResponse(responseCode = "400", description = "A malformed id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant, or no such export of it", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/tenants/{tenant_id}/exports/{export_id}")
    ExportAnswer get(@PathVariable("tenant_id") UUID tenantId, @PathVariable("export_id") UUID exportId,
                     Authentication authentication) {
        requireManager(tenantId, CallerPrincipal.of(authentication), "read its exports");
        return ExportAnswer.of(tenantId, export(tenantId, exportId));
    }

    @Operation(operationId = "downloadTenantExport", summary = "Download a READY tenant export (a ZIP; HTTP range requests resume it)")
    @ApiResponse(responseCode = "200", description = "The archive",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", maxLength = Integer.MAX_VALUE)))
    @ApiResponse(responseCode = "206", description = "The byte ranges asked for",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", maxLength = Integer.MAX_VALUE)))
    @ApiResponse(responseCode = "400", description = "A malformed id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant, or no such export of it", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The export is not READY yet, or it FAILED", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "The export's link expired and its file is deleted", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/tenants/{tenant_id}/exports/{export_id}/archive")
    ResponseEntity<Resource> download(@PathVariable("tenant_id") UUID tenantId, @PathVariable("export_id") UUID exportId,
                                      @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.RANGE,
                                              required = false) @io.swagger.v3.oas.annotations.Parameter(hidden = true) String range,
                                      Authentication authentication) {
        requireManager(tenantId, CallerPrincipal.of(authentication), "download its exports");
        DataExport export = export(tenantId, exportId);
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
                        .filename("tenant-" + tenantId + "-export-" + exportId + ".zip").build().toString())
                .body(new FileSystemResource(archive));
    }

    private DataExport export(UUID tenantId, UUID exportId) {
        return exports.find(exportId).filter(found -> found.kind() == ExportKind.TENANT && found.subjectId().equals(tenantId))
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " has no export " + exportId + "."));
    }

    /** Services, operators, and the tenant's OWNER and ADMINs; 404 when the tenant does not exist. */
    private TenantAccess requireManager(UUID tenantId, CallerPrincipal caller, String action) {
        SubjectIds.requirePossible("tenant_id", tenantId);
        boolean supervisor = DeletionSupervisors.includes(caller);
        UUID userId = supervisor ? NO_USER : caller.userId()
                .orElseThrow(() -> ApiProblem.forbidden("The token's subject is not a user id."));
        TenantAccess access = tenants.access(tenantId, userId)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
        if (!supervisor) {
            TenantRole role = access.membership().orElseThrow(() ->
                    ApiProblem.forbidden("You are not a member of tenant " + tenantId + "."));
            if (!role.canManage()) {
                throw ApiProblem.forbidden("Only the OWNER or an ADMIN of tenant " + tenantId + " may " + action
                        + "; you are " + role + ".");
            }
        }
        return access;
    }

    /** 429 for a subject ("Tenant x", "User x") whose last export was asked for too recently, with Retry-After. */
    static ApiProblem tooSoon(String subject, DataExports.TooSoonException e) {
        // Whole seconds, rounded up, so a client that waits exactly that long is not refused again.
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        ApiProblem problem = ApiProblem.of(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, subject
                + " had an export asked for recently; the next one can be asked for from " + e.nextAllowedAt()
                + ". The one asked for is readable until its link expires.").with("retry_at", e.nextAllowedAt().toString());
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return problem;
    }
}
