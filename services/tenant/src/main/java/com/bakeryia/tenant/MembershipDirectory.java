package com.bakeryia.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.TenantStatus;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Answers the platform's tenant questions in-process when the tenant service runs here (so the
 * platform's remote directory is not used).
 */
@Component
class MembershipDirectory implements TenantDirectory {

    private final ServiceDatabase db;

    MembershipDirectory(@Qualifier("tenant") ServiceDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<TenantAccess> access(UUID tenantId, UUID userId) {
        return db.jdbc().query("select t.status, t.deletion_scheduled_for, t.name, t.country, m.role from tenant.tenants t"
                        + " left join tenant.memberships m on m.tenant_id = t.id and m.user_id = ? where t.id = ?",
                (row, i) -> new TenantAccess(tenantId, TenantStatus.valueOf(row.getString("status")),
                        row.getString("role") == null ? null : TenantRole.valueOf(row.getString("role")),
                        row.getTimestamp("deletion_scheduled_for") == null ? null
                                : row.getTimestamp("deletion_scheduled_for").toInstant(), row.getString("name"),
                        row.getString("country")),
                userId, tenantId).stream().findFirst();
    }

    @Override
    public List<UUID> memberIds(UUID tenantId) {
        return db.jdbc().queryForList("select user_id from tenant.memberships where tenant_id = ?"
                + " order by (role = 'OWNER') desc, joined_at, user_id", UUID.class, tenantId);
    }
}
