package com.bakeryia.orchestrator;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deletion jobs over HTTP. {@code GET /api/v1/deletion-jobs/{job_id}}: services, the user who
 * started the job, and the OWNER and ADMINs of the tenant being deleted (while it still exists;
 * after that, its initiator and services). {@code GET /api/v1/deletion-jobs?tenant_id=&status=},
 * {@code POST /api/v1/deletion-jobs} (start) and {@code POST /api/v1/deletion-jobs/{job_id}/retry}:
 * services only.
 */
@Tag(name = "deletion jobs", description = "Deletion jobs over HTTP. `GET /api/v1/deletion-jobs/{job_id}`: services, the user who "
        + "started the job, and the OWNER and ADMINs of the tenant being deleted (while it still "
        + "exists; after that, its initiator and services). `GET "
        + "/api/v1/deletion-jobs?tenant_id=&status=`, `POST /api/v1/deletion-jobs` (start) and `POST "
        + "/api/v1/deletion-jobs/{job_id}/retry`: services only.")
@RestController
class DeletionJobController {

    static final int LIST_LIMIT = 100;

    private final DeletionJobs jobs;
    private final DeletionJobReaders readers;

    DeletionJobController(DeletionJobs jobs, TenantDirectory tenants) {
        this.jobs = jobs;
        this.readers = new DeletionJobReaders(tenants);
    }

    /**
     * What a service sends to start a job; only tenant jobs are started here.
     *
     * @param initiatedByUserId the user who asked the calling service, when a user asked; the job
     *                          records the calling service otherwise
     * @param immediate         true to skip the grace window (the job starts now)
     */
    record StartJobRequest(@NotNull JobKind kind, @NotNull UUID tenantId, UUID initiatedByUserId, Boolean immediate) {
    }

    /**
     * Services only: marks the tenant DELETING and starts deleting it, or answers the tenant's
     * unfinished job (retried first when it FAILED). 202 with the job and its Location either way.
     */
    @Operation(summary = "Services: mark a tenant DELETING and start (or answer) its deletion job")
    @ApiResponse(responseCode = "202", description = "The job; Location names it")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field, a kind other than TENANT, the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/deletion-jobs")
    @PreAuthorize("hasRole('SERVICE')")
    ResponseEntity<DeletionJobSummary> start(@Valid @RequestBody StartJobRequest request, Authentication authentication) {
        SubjectIds.requirePossible("tenant_id", request.tenantId());
        if (request.kind() != JobKind.TENANT) {
            throw ApiProblem.badRequest("kind: only TENANT jobs are started at this endpoint, not " + request.kind())
                    .with("field", "kind");
        }
        Initiator initiator = request.initiatedByUserId() != null ? Initiator.user(request.initiatedByUserId())
                : Initiator.of(CallerPrincipal.of(authentication));
        DeletionJobSummary job = Boolean.TRUE.equals(request.immediate())
                ? jobs.startTenantDeletion(request.tenantId(), initiator, java.time.Duration.ZERO)
                : jobs.startTenantDeletion(request.tenantId(), initiator);
        return ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + job.jobId())).body(job);
    }

    @Operation(summary = "A deletion job with its steps, attempts and counts")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "400", description = "A malformed job id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service, the job's initiator, its subject, or an OWNER or ADMIN of its tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The caller's role in the tenant cannot be checked right now", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/deletion-jobs/{job_id}")
    DeletionJobSummary job(@PathVariable("job_id") UUID jobId, Authentication authentication) {
        DeletionJobSummary job = jobs.find(jobId).orElseThrow(() -> ApiProblem.notFound("No deletion job " + jobId));
        readers.requireMayRead(job, CallerPrincipal.of(authentication));
        return job;
    }

    /** Services only: the newest 100 jobs matching the filters. */
    @Operation(summary = "Services: the newest 100 jobs, filtered by subject and status")
    @ApiResponse(responseCode = "200", description = "Up to 100 jobs, newest first")
    @ApiResponse(responseCode = "400", description = "A malformed filter", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/deletion-jobs")
    @PreAuthorize("hasRole('SERVICE')")
    List<DeletionJobSummary> list(@RequestParam(name = "tenant_id", required = false) UUID tenantId,
                                  @RequestParam(name = "status", required = false) JobStatus status) {
        return jobs.list(tenantId, status, LIST_LIMIT);
    }

    /** Services only: 202 with the job when its failed steps were put back to work; 409 unless the job is FAILED. */
    @Operation(summary = "Services: run the failed steps of a FAILED job again")
    @ApiResponse(responseCode = "202", description = "The job, running again")
    @ApiResponse(responseCode = "400", description = "A malformed job id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The job has not failed", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/deletion-jobs/{job_id}/retry")
    @PreAuthorize("hasRole('SERVICE')")
    ResponseEntity<DeletionJobSummary> retry(@PathVariable("job_id") UUID jobId, Authentication authentication) {
        return switch (jobs.retry(jobId, Initiator.of(CallerPrincipal.of(authentication)))) {
            case NOT_FOUND -> throw ApiProblem.notFound("No deletion job " + jobId);
            case NOT_FAILED -> throw ApiProblem.conflict("Deletion job " + jobId + " has not failed; only a FAILED job can be retried")
                    .with("status", jobs.find(jobId).map(DeletionJobSummary::status).orElse(null));
            case RETRIED -> ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + jobId))
                    .body(jobs.find(jobId).orElseThrow());
        };
    }
}
