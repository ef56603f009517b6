package com.bakeryia.orchestrator;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deleting a tenant, served by the orchestrator's process. {@code DELETE /api/v1/tenants/{tenant_id}}
 * (the tenant's OWNER and ADMINs, services): the tenant service marks the tenant DELETING, then its
 * deletion job starts (or the tenant's unfinished job is answered: repeating never starts a second,
 * and when that job FAILED, repeating retries it and answers it RUNNING); 202 with the job id,
 * status and Location. {@code GET /api/v1/tenants/{tenant_id}/deletion-preview}
 * (the OWNER and ADMINs while the tenant is ACTIVE, services): what the job would remove; nothing
 * changes. 404 for a tenant that does not exist, 403 for everyone else.
 */
@RestController
class TenantDeletionController {

    private static final Logger log = LoggerFactory.getLogger(TenantDeletionController.class);

    /** A service asks with the nil user: the tenant's status only. */
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
     * @param status the job's status: PENDING, RUNNING, COMPLETED or FAILED
     */
    record TenantDeletionStarted(UUID tenantId, UUID jobId, JobStatus status) {
    }

    @Operation(summary = "Delete a tenant: mark it DELETING and start (or answer) its deletion job")
    @ApiResponse(responseCode = "202", description = "The job, new or the one already under way; Location names it")
    @ApiResponse(responseCode = "400", description = "A malformed tenant id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The tenant service or the job store could not be reached; repeat the request", content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/api/v1/tenants/{tenant_id}")
    ResponseEntity<TenantDeletionStarted> delete(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        requireManager(tenantId, caller, "delete it");
        DeletionJobSummary job = markAndStart(tenantId, caller);
        return ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + job.jobId()))
                .body(new TenantDeletionStarted(tenantId, job.jobId(), job.status()));
    }

    /** Marks the tenant and starts its job; a failure to reach the tenant service or the job store is a 503. */
    DeletionJobSummary markAndStart(UUID tenantId, CallerPrincipal caller) {
        DeletionJobSummary job;
        try {
            job = jobs.startTenantDeletion(tenantId, Initiator.of(caller));
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            log.warn("Tenant {}: deletion could not be started: {}", tenantId, e.getMessage());
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "The deletion of tenant " + tenantId + " could not be"
                    + " started right now; repeat the request (it never starts a second job).");
        }
        log.info("Tenant {} marked DELETING by {} {}; deletion job {} is {}", tenantId, caller.kind(),
                caller.subject(), job.jobId(), job.status());
        return job;
    }

    @Operation(summary = "What deleting the tenant would remove, per service and table; changes nothing")
    @ApiResponse(responseCode = "200", description = "Counts per service and table, and the services that did not answer")
    @ApiResponse(responseCode = "400", description = "A malformed tenant id, or the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not the tenant's OWNER or an ADMIN, nor a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The tenant is not ACTIVE (a user asked)", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/tenants/{tenant_id}/deletion-preview")
    TenantDeletionPreview preview(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        TenantAccess access = requireManager(tenantId, caller, "preview its deletion");
        if (!caller.isService() && access.status() != TenantStatus.ACTIVE) {
            throw ApiProblem.conflict("Tenant " + tenantId + " is " + access.status() + " and accepts no requests.");
        }
        return jobs.previewTenantDeletion(tenantId);
    }

    /** Services, and the tenant's OWNER and ADMINs; 404 when the tenant does not exist. */
    private TenantAccess requireManager(UUID tenantId, CallerPrincipal caller, String action) {
        SubjectIds.requirePossible("tenant_id", tenantId);
        UUID userId = caller.isService() ? NO_USER : caller.userId()
                .orElseThrow(() -> ApiProblem.forbidden("The token's subject is not a user id."));
        TenantAccess access = tenants.access(tenantId, userId)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
        if (!caller.isService()) {
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
