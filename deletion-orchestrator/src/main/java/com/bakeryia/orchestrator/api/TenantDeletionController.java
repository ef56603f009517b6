package com.bakeryia.orchestrator.api;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.orchestrator.requests.TenantDeletionPreview;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
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
 * Deleting a tenant, served by the orchestrator's process. {@code DELETE /api/v1/tenants/{tenant_id}}
 * (the tenant's OWNER and ADMINs, services, operators): the tenant service marks the tenant DELETING,
 * then its deletion job starts (or the tenant's unfinished job is answered: repeating never starts a
 * second, and when that job FAILED, repeating retries it and answers it RUNNING); 202 with the job
 * id, status and Location. {@code GET /api/v1/tenants/{tenant_id}/deletion-preview} (the OWNER and
 * ADMINs while the tenant is ACTIVE, services, operators): the tenant's name and status and what the
 * job would remove; nothing changes. 404 for a tenant that does not exist, 403 for everyone else.
 * Services and operators ({@link DeletionSupervisors}) act on any tenant, and may skip the window.
 */
@Tag(name = "Tenant deletion", description = "Deleting a tenant, served by the orchestrator's process. `DELETE "
        + "/api/v1/tenants/{tenant_id}` (the tenant's OWNER and ADMINs, services, operators): the tenant service "
        + "marks the tenant DELETING, then its deletion job starts (or the tenant's unfinished job is "
        + "answered: repeating never starts a second, and when that job FAILED, repeating retries it "
        + "and answers it RUNNING); 202 with the job id, status and Location. `GET "
        + "/api/v1/tenants/{tenant_id}/deletion-preview` (the OWNER and ADMINs while the tenant is "
        + "ACTIVE, services, operators): the tenant's name and status and what the job would remove; nothing"
        + " changes. 404 for a tenant that does not exist, 403 for everyone else. Services and operators act on"
        + " any tenant and may skip the window (immediate=true).")
@RestController
class TenantDeletionController {

    private static final Logger log = LoggerFactory.getLogger(TenantDeletionController.class);

    /** Services and operators ask with the nil user: the tenant's status only. */
    private static final UUID NO_USER = new UUID(0, 0);

    private final DeletionJobs jobs;
    private final TenantDirectory tenants;

    TenantDeletionController(DeletionJobs jobs, TenantDirectory tenants) {
        this.jobs = jobs;
        this.tenants = tenants;
    }

    /**
     * The answer to a tenant DELETE.
     *
     * @param jobId  the deletion job, readable at {@code GET /api/v1/deletion-jobs/{job_id}}
     * @param status       the job's status: SCHEDULED (within the window), PENDING, RUNNING, COMPLETED or FAILED
     * @param scheduledFor when a SCHEDULED job starts deleting (absent without a window)
     * @param exportUrl    where to start the tenant's export (POST) while the deletion waits: the
     *                     window is the owner's last chance to take the data with them; absent once
     *                     the deletion is under way (an export of a tenant being deleted is refused)
     */
    record TenantDeletionStarted(UUID tenantId, UUID jobId, JobStatus status, java.time.Instant scheduledFor,
                                 @Schema(description = "While the deletion is SCHEDULED: where to start an export of the"
                                         + " tenant (POST; its OWNER and ADMINs, services, operators), which the grace"
                                         + " window still allows; absent once the deletion is under way", maxLength = 200)
                                 String exportUrl) {

        static TenantDeletionStarted of(UUID tenantId, DeletionJobSummary job) {
            return new TenantDeletionStarted(tenantId, job.jobId(), job.status(), job.scheduledFor(),
                    job.status() == JobStatus.SCHEDULED ? "/api/v1/tenants/" + tenantId + "/exports" : null);
        }
    }

    /**
     * The answer to a restore: the tenant ACTIVE again, and its job, now CANCELLED, with every field
     * of a job, when it had one (a tenant left PENDING_DELETION by a restore that could not reach the
     * tenant service has none: the next restore answers only the tenant).
     *
     * @param job          the cancelled job; absent when there was none
     * @param tenantId     the tenant
     * @param tenantStatus ACTIVE
     */
    @Schema(name = "TenantRestored", description = "The tenant ACTIVE again, with the fields of its cancelled deletion job"
            + " when it had one")
    record TenantRestored(@JsonUnwrapped DeletionJobSummary job, UUID tenantId, TenantStatus tenantStatus) {
    }

    @Operation(operationId = "deleteTenant", summary = "Delete a tenant: after the grace window (SCHEDULED, restorable), or at once for a service"
            + " or an operator with immediate=true; answers the tenant's unfinished job when there is one")
    @ApiResponse(responseCode = "202", description = "The job, new or the one already under way; Location names it. While it"
            + " is SCHEDULED, export_url is where to start an export of the tenant (POST), which the window still allows")
    @ApiResponse(responseCode = "400", description = "A malformed tenant id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service or an operator; or an OWNER or ADMIN asked for immediate=true", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The tenant service or the job store could not be reached; repeat the request", content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/api/v1/tenants/{tenant_id}")
    ResponseEntity<TenantDeletionStarted> delete(@PathVariable("tenant_id") UUID tenantId,
                                                 @RequestParam(name = "immediate", defaultValue = "false") boolean immediate,
                                                 Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        requireManager(tenantId, caller, "delete it");
        if (immediate && !DeletionSupervisors.includes(caller)) {
            throw ApiProblem.forbidden("Only services and operators may skip the deletion window (immediate=true); the"
                    + " tenant's OWNER and ADMINs delete it after the window, during which they can restore it.");
        }
        DeletionJobSummary job = markAndStart(tenantId, caller, immediate);
        return ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + job.jobId()))
                .body(TenantDeletionStarted.of(tenantId, job));
    }

    @Operation(operationId = "restoreTenant", summary = "Restore a tenant whose deletion is scheduled: its job is cancelled, every row kept")
    @ApiResponse(responseCode = "200", description = "The tenant ACTIVE again, with its cancelled job")
    @ApiResponse(responseCode = "400", description = "A malformed tenant id, or the tombstone id",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service or an operator",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "No deletion is scheduled, or it has started and cannot be undone",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The tenant service could not be reached; repeat the request",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/tenants/{tenant_id}/restore")
    ResponseEntity<TenantRestored> restore(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        TenantAccess access = requireManager(tenantId, caller, "restore it");
        DeletionJobs.Restore restore;
        try {
            restore = jobs.restoreTenant(tenantId, access.status() == TenantStatus.PENDING_DELETION, Initiator.of(caller));
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            // The job is cancelled (or was not found) but the tenant service did not answer: repeating
            // the restore makes the tenant ACTIVE (a PENDING_DELETION tenant without a job is restored).
            log.warn("Tenant {}: restore could not be completed: {}", tenantId, e.getMessage());
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "Tenant " + tenantId + " could not be restored right"
                    + " now (the tenant service did not answer); repeat the request.");
        }
        return switch (restore.outcome()) {
            case RESTORED -> ResponseEntity.ok(new TenantRestored(restore.job()
                    .map(job -> DeletionSupervisors.includes(caller) ? job : job.withoutErrorDetail()).orElse(null),
                    tenantId, TenantStatus.ACTIVE));
            case STARTED -> throw ApiProblem.conflict("The deletion of tenant " + tenantId + " has started (job "
                    + restore.job().map(DeletionJobSummary::jobId).orElse(null) + " is "
                    + restore.job().map(DeletionJobSummary::status).orElse(null) + "); deleted data cannot be restored.")
                    .with("job_id", restore.job().map(DeletionJobSummary::jobId).orElse(null));
            case NOT_SCHEDULED -> throw ApiProblem.conflict("No deletion of tenant " + tenantId + " is scheduled;"
                    + " there is nothing to restore.");
        };
    }

    /** Schedules (or, immediate, starts) the tenant's deletion; a failure to reach the tenant service or the job store is a 503. */
    DeletionJobSummary markAndStart(UUID tenantId, CallerPrincipal caller, boolean immediate) {
        DeletionJobSummary job;
        try {
            job = immediate ? jobs.startTenantDeletion(tenantId, Initiator.of(caller), java.time.Duration.ZERO)
                    : jobs.startTenantDeletion(tenantId, Initiator.of(caller));
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            log.warn("Tenant {}: deletion could not be started: {}", tenantId, e.getMessage());
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "The deletion of tenant " + tenantId + " could not be"
                    + " started right now; repeat the request (it never starts a second job).");
        }
        log.info("Tenant {}: deletion asked for by {} {}; deletion job {} is {}", tenantId, caller.kind(),
                caller.subject(), job.jobId(), job.status());
        return job;
    }

    @Operation(operationId = "previewTenantDeletion", summary = "What deleting the tenant would remove, per service and table; changes nothing",
            description = "The tenant's name and status (for a confirmation that asks the name typed back) and what"
                    + " every service would delete or anonymise, per table and in total; changes nothing. The tenant's"
                    + " OWNER and ADMINs while it is ACTIVE; services and operators in any status.")
    @ApiResponse(responseCode = "200", description = "The tenant's name and status, counts per service and table, and the"
            + " services that did not answer")
    @ApiResponse(responseCode = "400", description = "A malformed tenant id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service or an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The tenant is not ACTIVE (its OWNER or an ADMIN asked)", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/tenants/{tenant_id}/deletion-preview")
    TenantDeletionPreview preview(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        TenantAccess access = requireManager(tenantId, caller, "preview its deletion");
        if (!DeletionSupervisors.includes(caller) && access.status() != TenantStatus.ACTIVE) {
            throw ApiProblem.conflict("Tenant " + tenantId + " is " + access.status() + " and accepts no requests.");
        }
        TenantDeletionPreview preview = jobs.previewTenantDeletion(access);
        return DeletionSupervisors.includes(caller) ? preview : preview.withoutErrorDetail();
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
}
