package com.bakeryia.tenant;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.UserMemberships;

import org.springframework.stereotype.Component;

/**
 * The tenant service's answers to a user deletion, in-process: the same code paths (and rules) as
 * the transfer-ownership and remove-memberships endpoints, called as the service
 * {@value #CLIENT_ID}.
 */
@Component
class InProcessUserMemberships implements UserMemberships {

    static final String CLIENT_ID = "user-deletion";

    private static final CallerPrincipal SERVICE = new CallerPrincipal(PrincipalKind.SERVICE, CLIENT_ID);

    private final Memberships memberships;
    private final Tenants tenants;
    private final TenantAccessGuard guard;

    InProcessUserMemberships(Memberships memberships, Tenants tenants, TenantAccessGuard guard) {
        this.memberships = memberships;
        this.tenants = tenants;
        this.guard = guard;
    }

    @Override
    public void markTenantDeleting(UUID tenantId) {
        if (tenants.find(tenantId).isPresent()) {
            tenants.markDeleting(tenantId, SERVICE);
            guard.evict(tenantId);
        }
    }

    @Override
    public boolean scheduleTenantDeletion(UUID tenantId, java.time.Instant deletionAt) {
        var tenant = tenants.find(tenantId);
        if (tenant.isPresent() && tenant.get().status() == com.bakeryia.platform.tenancy.TenantStatus.DELETING) {
            return false;
        }
        if (tenant.isPresent()) {
            tenants.scheduleDeletion(tenantId, SERVICE, deletionAt);
            guard.evict(tenantId);
        }
        return true;
    }

    @Override
    public void restoreTenant(UUID tenantId) {
        try {
            tenants.restore(tenantId, SERVICE);
        } catch (com.bakeryia.platform.web.ApiProblem refused) {
            throw new IllegalStateException(refused.getBody().getDetail(), refused);
        }
        guard.evict(tenantId);
    }

    @Override
    public List<Membership> of(UUID userId) {
        return memberships.ofUser(userId).stream()
                .map(view -> new Membership(view.tenantId(), view.role(), view.joinedAt())).toList();
    }

    @Override
    public List<Manager> managers(UUID tenantId) {
        return memberships.admins(tenantId).stream()
                .map(member -> new Manager(member.userId(), member.role(), member.since())).toList();
    }

    @Override
    public void transferOwnership(UUID tenantId, UUID newOwnerId) {
        memberships.transfer(tenantId, SERVICE, newOwnerId);
    }

    @Override
    public Removal removeAll(UUID userId, UUID runId) {
        UserMembershipsRemoval removal = memberships.removeAllOf(userId, runId);
        return new Removal(removal.removed(), removal.blockingTenantIds());
    }
}
