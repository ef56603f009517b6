package com.bakeryia.orchestrator.api;

import java.util.Optional;
import java.util.UUID;

import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * Who may read a deletion job, and so its certificate: services and operators
 * ({@link DeletionSupervisors}); the user who started it; for a user job, that user; for a tenant
 * job, the tenant's OWNER and ADMINs (while it still exists).
 */
final class DeletionJobReaders {

    private final TenantDirectory tenants;

    DeletionJobReaders(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** A 403 problem unless {@code caller} may read the job; a 503 when the tenant role cannot be checked. */
    void requireMayRead(DeletionJobSummary job, CallerPrincipal caller) {
        if (!DeletionSupervisors.includes(caller) && !mayRead(job, caller.userId().orElse(null))) {
            throw ApiProblem.forbidden("Only services, operators, the user who started deletion job " + job.jobId()
                    + " and the OWNER and ADMINs of its tenant may read it.");
        }
    }

    private boolean mayRead(DeletionJobSummary job, UUID userId) {
        if (userId == null) {
            return false;
        }
        if (userId.equals(job.initiatedBy())) {
            return true;
        }
        if (job.kind() == JobKind.USER) {
            return userId.equals(job.subjectId());
        }
        Optional<TenantAccess> access;
        try {
            access = tenants.access(job.subjectId(), userId);
        } catch (RuntimeException unreachable) {
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "Your role in tenant " + job.subjectId()
                    + " cannot be checked right now (the tenant service did not answer); try again.");
        }
        return access.flatMap(TenantAccess::membership).map(role -> role.canManage()).orElse(false);
    }
}
