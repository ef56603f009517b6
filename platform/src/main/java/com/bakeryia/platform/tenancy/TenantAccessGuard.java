package com.bakeryia.platform.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.security.core.Authentication;

/**
 * Tenant isolation for a service's endpoints under {@code /api/v1/tenants/{tenant_id}/...}:
 * services may read and write any existing tenant; users only the tenants they are members of,
 * VIEWERs read only. A tenant that is not ACTIVE (pending deletion or being deleted) accepts no
 * writes from anyone, and its members can no longer act on it. Answers are cached for
 * {@code bakery.tenancy.cache-ttl} (default 2 s) to spare the tenant service.
 */
public class TenantAccessGuard {

    private final TenantDirectory directory;
    private final Clock clock;
    private final Duration ttl;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    public TenantAccessGuard(TenantDirectory directory, Clock clock, Duration ttl) {
        this.directory = directory;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Allows reading the tenant's data, or throws the 403, 404 or 409 to answer. */
    public CallerPrincipal requireRead(UUID tenantId, Authentication authentication) {
        return check(tenantId, authentication, false);
    }

    /** Allows changing the tenant's data, or throws the 403, 404 or 409 to answer. */
    public CallerPrincipal requireWrite(UUID tenantId, Authentication authentication) {
        return check(tenantId, authentication, true);
    }

    private CallerPrincipal check(UUID tenantId, Authentication authentication, boolean write) {
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        UUID userId = caller.userId().orElse(null);
        TenantAccess access = lookup(tenantId, userId)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
        if (caller.isUser()) {
            TenantRole role = access.membership().orElseThrow(() ->
                    ApiProblem.forbidden("You are not a member of tenant " + tenantId + "."));
            if (access.status() == TenantStatus.DELETING) {
                throw ApiProblem.conflict("Tenant " + tenantId + " is DELETING and accepts no requests.");
            }
            if (write && !role.canWrite()) {
                throw ApiProblem.forbidden("A VIEWER of tenant " + tenantId + " may only read.");
            }
        }
        if (write && access.status() != TenantStatus.ACTIVE) {
            throw refusedWrite(access);
        }
        return caller;
    }

    /** A 409 that says why: when a scheduled deletion happens and how to undo it, or that it is under way. */
    static ApiProblem refusedWrite(TenantAccess access) {
        if (access.status() == TenantStatus.PENDING_DELETION) {
            String when = access.deletionScheduledFor() == null ? "soon" : "at " + access.deletionScheduledFor();
            return ApiProblem.conflict("Tenant " + access.tenantId() + " is scheduled for deletion " + when
                    + " and accepts no writes. Its OWNER or an ADMIN can restore it until then with"
                    + " POST /api/v1/tenants/" + access.tenantId() + "/restore.")
                    .with("deletion_scheduled_for", access.deletionScheduledFor());
        }
        return ApiProblem.conflict("Tenant " + access.tenantId() + " is " + access.status() + " and accepts no writes.");
    }

    private Optional<TenantAccess> lookup(UUID tenantId, UUID userId) {
        Key key = new Key(tenantId, userId);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.access();
        }
        // A service caller asks with the nil user: status only, no role.
        Optional<TenantAccess> access = directory.access(tenantId, userId == null ? new UUID(0, 0) : userId);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, new Cached(access, now.plus(ttl)));
        return access;
    }

    /** Forgets cached answers for a tenant, for example after its status changed in this process. */
    public void evict(UUID tenantId) {
        cache.keySet().removeIf(key -> key.tenantId().equals(tenantId));
    }

    private record Key(UUID tenantId, UUID userId) {
    }

    private record Cached(Optional<TenantAccess> access, Instant expiresAt) {
    }
}
