package com.bakeryia.orchestrator;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/tenants/{tenant_id}/deletion-preview}: what deleting the tenant would remove,
 * asked of every participant and summed; nothing changes. The tenant's OWNER and ADMINs (while it
 * is ACTIVE, like every other member action) and services; 404 for a tenant that does not exist.
 */
@RestController
class TenantDeletionPreviewController {

    private final DeletionJobs jobs;
    private final TenantDirectory tenants;

    TenantDeletionPreviewController(DeletionJobs jobs, TenantDirectory tenants) {
        this.jobs = jobs;
        this.tenants = tenants;
    }

    @GetMapping("/api/v1/tenants/{tenant_id}/deletion-preview")
    TenantDeletionPreview preview(@PathVariable("tenant_id") UUID tenantId, Authentication authentication) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        // A service asks with the nil user: the tenant's status only.
        UUID userId = caller.isService() ? new UUID(0, 0) : caller.userId()
                .orElseThrow(() -> ApiProblem.forbidden("The token's subject is not a user id."));
        TenantAccess access = tenants.access(tenantId, userId)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
        if (!caller.isService()) {
            var role = access.membership().orElseThrow(() ->
                    ApiProblem.forbidden("You are not a member of tenant " + tenantId + "."));
            if (!role.canManage()) {
                throw ApiProblem.forbidden("Only the OWNER or an ADMIN of tenant " + tenantId
                        + " may preview its deletion; you are " + role + ".");
            }
            if (access.status() != TenantStatus.ACTIVE) {
                throw ApiProblem.conflict("Tenant " + tenantId + " is " + access.status() + " and accepts no requests.");
            }
        }
        return jobs.previewTenantDeletion(tenantId);
    }
}
