package com.bakeryia.tenant;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;

/**
 * A caller in relation to one existing tenant: a service, or a user with their role there (null
 * when not a member). The {@code require} methods state each endpoint's rule and throw the 403 or
 * 409 to answer.
 */
record TenantCaller(TenantRecord tenant, CallerPrincipal principal, TenantRole role) {

    boolean isService() {
        return principal.isService();
    }

    /** Members of the tenant (any role) and services. */
    TenantCaller requireMember() {
        if (!isService() && role == null) {
            throw ApiProblem.forbidden("You are not a member of tenant " + tenant.id() + ".");
        }
        return this;
    }

    /** The tenant's OWNER and ADMINs, and services. */
    TenantCaller requireManager(String action) {
        requireMember();
        if (!isService() && !role.canManage()) {
            throw ApiProblem.forbidden("Only the OWNER or an ADMIN of tenant " + tenant.id() + " may " + action
                    + "; you are " + role + ".");
        }
        return this;
    }

    /** The tenant's OWNER, and services. */
    TenantCaller requireOwner(String action) {
        requireMember();
        if (!isService() && role != TenantRole.OWNER) {
            throw ApiProblem.forbidden("Only the OWNER of tenant " + tenant.id() + " may " + action
                    + "; you are " + role + ".");
        }
        return this;
    }

    /** Changes are only accepted while the tenant is ACTIVE (not pending deletion or being deleted). */
    TenantCaller requireActive() {
        if (tenant.status() != TenantStatus.ACTIVE) {
            throw ApiProblem.conflict("Tenant " + tenant.id() + " is " + tenant.status() + " and accepts no changes.");
        }
        return this;
    }
}
