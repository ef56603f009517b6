package com.bakeryia.orchestrator;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.web.ApiProblem;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deletion jobs over HTTP, for services only (user rules arrive with the tenant endpoints):
 * {@code GET /api/v1/deletion-jobs/{job_id}}, {@code GET /api/v1/deletion-jobs?tenant_id=&status=}
 * and {@code POST /api/v1/deletion-jobs/{job_id}/retry}.
 */
@RestController
@PreAuthorize("hasRole('SERVICE')")
class DeletionJobController {

    static final int LIST_LIMIT = 100;

    private final DeletionJobs jobs;

    DeletionJobController(DeletionJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/deletion-jobs/{job_id}")
    DeletionJobSummary job(@PathVariable("job_id") UUID jobId) {
        return jobs.find(jobId).orElseThrow(() -> ApiProblem.notFound("No deletion job " + jobId));
    }

    /** The newest 100 jobs matching the filters. */
    @GetMapping("/api/v1/deletion-jobs")
    List<DeletionJobSummary> list(@RequestParam(name = "tenant_id", required = false) UUID tenantId,
                                  @RequestParam(name = "status", required = false) JobStatus status) {
        return jobs.list(tenantId, status, LIST_LIMIT);
    }

    /** 202 with the job when its failed steps were put back to work; 409 unless the job is FAILED. */
    @PostMapping("/api/v1/deletion-jobs/{job_id}/retry")
    ResponseEntity<DeletionJobSummary> retry(@PathVariable("job_id") UUID jobId) {
        return switch (jobs.retry(jobId)) {
            case NOT_FOUND -> throw ApiProblem.notFound("No deletion job " + jobId);
            case NOT_FAILED -> throw ApiProblem.conflict("Deletion job " + jobId + " has not failed; only a FAILED job can be retried")
                    .with("status", jobs.find(jobId).map(DeletionJobSummary::status).orElse(null));
            case RETRIED -> ResponseEntity.accepted().location(URI.create("/api/v1/deletion-jobs/" + jobId))
                    .body(jobs.find(jobId).orElseThrow());
        };
    }
}
