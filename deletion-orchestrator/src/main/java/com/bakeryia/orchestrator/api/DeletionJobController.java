package com.bakeryia.orchestrator.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobStats;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
 * Deletion jobs over HTTP. {@code GET /api/v1/deletion-jobs/{job_id}}: services, operators, the
 * user who started the job, and the OWNER and ADMINs of the tenant being deleted (while it still
 * exists; after that, its initiator, services and operators). Services and operators only
 * ({@link DeletionSupervisors}): {@code GET /api/v1/deletion-jobs} (a page of jobs, filtered),
 * {@code GET /api/v1/deletion-jobs/stats}, {@code POST /api/v1/deletion-jobs} (start) and
 * {@code POST /api/v1/deletion-jobs/{job_id}/retry}.
 */
@Tag(name = "Deletion jobs", description = "Deletion jobs over HTTP. `GET /api/v1/deletion-jobs/{job_id}`: services,"
        + " operators, the user who started the job, and the OWNER and ADMINs of the tenant being deleted (while it still"
        + " exists; after that, its initiator, services and operators). Services and operators only: `GET"
        + " /api/v1/deletion-jobs` (a page of jobs, newest first, filtered by kind, status, subject and creation time),"
        + " `GET /api/v1/deletion-jobs/stats`, `POST /api/v1/deletion-jobs` (start) and `POST"
        + " /api/v1/deletion-jobs/{job_id}/retry`.")
@RestController
class DeletionJobController {

    /** The most jobs one page holds, as the platform's other lists. */
    static final int MAX_PAGE = 500;

    private final DeletionJobs jobs;
    private final DeletionJobReaders readers;
    private final TenantDirectory tenants;

    /** Asks the tenant directory whether a tenant exists, as nobody in particular. */
    private static final UUID NO_USER = new UUID(0, 0);

    DeletionJobController(DeletionJobs jobs, TenantDirectory tenants) {
        this.jobs = jobs;
        this.tenants = tenants;
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
     * Services and operators: marks the tenant DELETING and starts deleting it, or answers the
     * tenant's unfinished job (retried first when it FAILED). 202 with the job and its Location
     * either way. An operator is recorded as the initiator; a service, or the user it names.
     */
    @Operation(operationId = "startDeletionJob", summary = "Services and operators: mark a tenant DELETING and start (or answer) its deletion job",
            description = "Services and operators: marks the tenant DELETING and starts deleting it (after the grace"
                    + " window, or at once with immediate), or answers the tenant's unfinished job, retried first when it"
                    + " FAILED. The job records who asked: an operator by their user id; a service by its client id, or"
                    + " the user it names in initiated_by_user_id (only a service may name one).")
    @ApiResponse(responseCode = "202", description = "The job; Location names it")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field, a kind other than TENANT, the tombstone id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither a service nor an operator; or an operator named another"
            + " user as the initiator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such tenant (never was, or deleted already)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The tenant service could not be reached; repeat the request",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/deletion-jobs")
    @PreAuthorize(DeletionSupervisors.ONLY)
    ResponseEntity<DeletionJobSummary> start(@Valid @RequestBody StartJobRequest request, Authentication authentication) {
        SubjectIds.requirePossible("tenant_id", request.tenantId());
        if (request.kind() != JobKind.TENANT) {
            throw ApiProblem.badRequest("kind: only TENANT jobs are started at this endpoint, not " + request.kind())
                    .with("field", "kind");
        }
        requireTenantExists(request.tenantId());
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        if (request.initiatedByUserId() != null && !caller.isService()) {
            // Who asked is the deletion's record: a person is recorded as themself, never as someone else.
            throw ApiProblem.forbidden("Only a service acting for a user names them in initiated_by_user_id; an"
                    + " operator's deletion is recorded as theirs.").with("field", "initiated_by_user_id");
        }
        Initiator initiator = request.initiatedByUserId() != null ? Initiator.user(request.initiatedByUserId())
                : Initiator.of(caller);
        DeletionJobSummary job = Boolean.TRUE.equals(request.immediate())
                ? jobs.startTenantDeletion(request.tenantId(), initiator, java.time.Duration.ZERO)
                : jobs.startTenantDeletion(request.tenantId(), initiator);
        return ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + job.jobId())).body(job);
    }

    @Operation(operationId = "getDeletionJob", summary = "A deletion job with its steps, attempts and counts")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "400", description = "A malformed job id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a service, an operator, the job's initiator, its subject, or an OWNER or ADMIN of its tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The caller's role in the tenant cannot be checked right now", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/deletion-jobs/{job_id}")
    DeletionJobSummary job(@PathVariable("job_id") UUID jobId, Authentication authentication) {
        DeletionJobSummary job = jobs.find(jobId).orElseThrow(() -> ApiProblem.notFound("No deletion job " + jobId));
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        readers.requireMayRead(job, caller);
        // Error texts are for services and operators (and the log); the tenant's managers and the
        // person see which step failed, not a text that may name someone else or an internal address.
        return DeletionSupervisors.includes(caller) ? job : job.withoutErrorDetail();
    }

    /**
     * Services and operators: a page of jobs, newest first, matching every filter given; each job
     * without its per-step results. {@code tenant_id} is the subject of a TENANT job, as before pages.
     */
    @Operation(operationId = "listDeletionJobs", summary = "Services and operators: a page of deletion jobs, newest first, filtered",
            description = "Services and operators: jobs newest first (created_at, then job_id), each as GET"
                    + " /api/v1/deletion-jobs/{job_id} answers it but without service_results (failed_step and errors"
                    + " say what failed). Every filter given must match: kind, status (repeat it, or comma-separate, for"
                    + " any of several), subject_id (the tenant or user being deleted), tenant_id (a TENANT job's"
                    + " subject: the same as kind=TENANT&subject_id=), created_after (at or after) and created_before"
                    + " (before), as ISO-8601 instants. A page holds at most limit jobs (1 to 500, default 50) after"
                    + " skipping offset; one shorter than limit is the last.")
    // 401 and the problem+json bodies come from the platform's API contract, as on every operation.
    @ApiResponse(responseCode = "200", description = "A page of jobs: items, limit, offset")
    @ApiResponse(responseCode = "400", description = "A malformed or out-of-range parameter (the problem names it), or"
            + " filters that contradict each other")
    @ApiResponse(responseCode = "403", description = "Neither a service nor an operator")
    @GetMapping("/api/v1/deletion-jobs")
    @PreAuthorize(DeletionSupervisors.ONLY)
    PageView<DeletionJobSummary> list(
            @RequestParam(name = "kind", required = false) JobKind kind,
            @RequestParam(name = "status", required = false) @Size(max = 6) List<JobStatus> statuses,
            @RequestParam(name = "subject_id", required = false) UUID subjectId,
            @RequestParam(name = "tenant_id", required = false) UUID tenantId,
            @RequestParam(name = "created_after", required = false) Instant createdAfter,
            @RequestParam(name = "created_before", required = false) Instant createdBefore,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(MAX_PAGE) int limit,
            @RequestParam(name = "offset", defaultValue = "0") @Min(0) int offset) {
        if (tenantId != null) {
            if (kind == JobKind.USER) {
                throw ApiProblem.badRequest("tenant_id names a TENANT job's subject; with kind=USER filter by subject_id.")
                        .with("field", "tenant_id");
            }
            if (subjectId != null && !subjectId.equals(tenantId)) {
                throw ApiProblem.badRequest("tenant_id and subject_id name different subjects; give one of them.")
                        .with("field", "tenant_id");
            }
            kind = JobKind.TENANT;
            subjectId = tenantId;
        }
        if (createdAfter != null && createdBefore != null && !createdBefore.isAfter(createdAfter)) {
            throw ApiProblem.badRequest("created_before must be after created_after.").with("field", "created_before");
        }
        var filter = new DeletionJobReads.JobFilter(kind, statuses == null ? null : Set.copyOf(statuses), subjectId,
                createdAfter, createdBefore);
        return new PageView<>(jobs.list(filter, limit, offset), limit, offset);
    }

    /**
     * A deletion job is only started for a tenant that exists: one that never existed (a typo, an id
     * from another system) or is gone already would otherwise get a job that "completes" and a
     * signed certificate of having deleted it.
     */
    private void requireTenantExists(UUID tenantId) {
        boolean exists;
        try {
            exists = tenants.access(tenantId, NO_USER).isPresent();
        } catch (RuntimeException unreachable) {
            throw ApiProblem.of(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Whether tenant " + tenantId
                    + " exists cannot be checked right now (the tenant service did not answer); repeat the request.");
        }
        if (!exists) {
            throw ApiProblem.notFound("Tenant " + tenantId + " does not exist.").with("field", "tenant_id");
        }
    }

    /** Services and operators: the figures of a health strip, from the job store now. */
    @Operation(operationId = "getDeletionJobStats", summary = "Services and operators: how many jobs wait, run and failed, and how fast rows go",
            description = "Services and operators: scheduled, pending, running and failed are the jobs in that status now;"
                    + " oldest_failed_at and oldest_failed_job_id the job FAILED longest (both absent while none is);"
                    + " rows_deleted_last_hour the rows deleted by the steps that succeeded in the last hour (a step's rows"
                    + " count once, when it succeeds, whatever attempts it took); rows_deleted_per_minute the same over the"
                    + " last 15 minutes divided by 15. Read in one statement, at the server's clock.")
    @ApiResponse(responseCode = "200", description = "The figures")
    @ApiResponse(responseCode = "403", description = "Neither a service nor an operator")
    @GetMapping("/api/v1/deletion-jobs/stats")
    @PreAuthorize(DeletionSupervisors.ONLY)
    DeletionJobStats stats() {
        return jobs.stats();
    }

    /** Services and operators: 202 with the job when its failed steps were put back to work; 409 unless the job is FAILED. */
    @Operation(operationId = "retryDeletionJob", summary = "Services and operators: run the failed steps of a FAILED job again")
    @ApiResponse(responseCode = "202", description = "The job, running again")
    @ApiResponse(responseCode = "400", description = "A malformed job id", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Neither a service nor an operator", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The job has not failed", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/deletion-jobs/{job_id}/retry")
    @PreAuthorize(DeletionSupervisors.ONLY)
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
