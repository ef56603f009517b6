package com.bakeryia.platform.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers "what is user U's role in tenant T, and is T active". The tenant service implements it
 * in-process; elsewhere {@link RemoteTenantDirectory} asks it over HTTP
 * ({@code GET /api/v1/tenants/{tenant_id}/access?user_id=U}, services only).
 */
public interface TenantDirectory {

    /** The tenant's status and the user's role in it; empty when the tenant does not exist. */
    Optional<TenantAccess> access(UUID tenantId, UUID userId);

    /**
     * The user ids of the tenant's current members, owner first; empty when the tenant does not
     * exist. Over HTTP: {@code GET /api/v1/tenants/{tenant_id}/members} (services allowed), page by
     * page, whose items carry {@code user_id}.
     */
    List<UUID> memberIds(UUID tenantId);
}
