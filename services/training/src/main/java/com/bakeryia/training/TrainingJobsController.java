package com.bakeryia.training;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's training jobs. Members (and services) read; OWNER, ADMIN and MEMBER (and services)
 * write; the tenant service decides membership.
 */
@Tag(name = "Training", description = "A tenant's training jobs. Members (and services) read; OWNER, ADMIN and MEMBER (and "
        + "services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class TrainingJobsController {

    private final TrainingJobs jobs;
    private final TenantAccessGuard guard;

    TrainingJobsController(TrainingJobs jobs, TenantAccessGuard guard) {
        this.jobs = jobs;
        this.guard = guard;
    }

    @Operation(operationId = "queueTrainingJob", summary = "Queue a training job")
    @PostMapping("/training-jobs")
    @ResponseStatus(HttpStatus.CREATED)
    TrainingJobView queue(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewTrainingJob job,
                          Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return jobs.queue(tenantId, job, ActingUser.of(caller, job.requestedBy(), "requested_by"));
    }

    @Operation(operationId = "listTrainingJobs", summary = "List training jobs")
    @GetMapping("/training-jobs")
    PageView<TrainingJobView> list(@PathVariable("tenant_id") UUID tenantId,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                   @RequestParam(defaultValue = "0") @Min(0) int offset,
                                   Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(jobs.list(tenantId, limit, offset), limit, offset);
    }
}
