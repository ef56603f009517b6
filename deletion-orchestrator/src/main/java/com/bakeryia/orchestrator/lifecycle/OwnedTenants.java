package com.bakeryia.orchestrator.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.job.JobStoreTables;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.at;

/**
 * The tenants a user owned when their deletion job was created, and what the job does with each:
 * hand it to a new owner (re-chosen by a PREPARE attempt when the one recorded is no longer an
 * ADMIN), or delete it through a tenant job. Ids only.
 */
public class OwnedTenants {

    /** An owned tenant of a user job, with the tenant job started for it and whether it is handled. */
    public record OwnedTenant(UUID tenantId, boolean delete, UUID newOwnerId, UUID tenantJobId, boolean done) {
    }

    private final JobStoreTables tables;

    public OwnedTenants(JobStoreTables tables) {
        this.tables = tables;
    }

    public List<OwnedTenant> of(UUID jobId) {
        return tables.sql().query("select * from " + tables.ownedTenants() + " where job_id = :job order by tenant_id",
                Map.of("job", jobId), (rs, n) -> new OwnedTenant(rs.getObject("tenant_id", UUID.class),
                        "DELETE".equals(rs.getString("action")), rs.getObject("new_owner_user_id", UUID.class),
                        rs.getObject("tenant_job_id", UUID.class), rs.getObject("done_at") != null));
    }

    public void tenantJobStarted(UUID jobId, UUID tenantId, UUID tenantJobId) {
        tables.sql().update("update " + tables.ownedTenants() + " set tenant_job_id = :tenantJob"
                + " where job_id = :job and tenant_id = :tenant", new MapSqlParameterSource()
                .addValue("tenantJob", tenantJobId).addValue("job", jobId).addValue("tenant", tenantId));
    }

    /** Records a new choice of owner for a TRANSFER tenant (the one chosen before is no longer an ADMIN). */
    public void newOwnerChosen(UUID jobId, UUID tenantId, UUID newOwnerId) {
        tables.sql().update("update " + tables.ownedTenants() + " set new_owner_user_id = :owner"
                + " where job_id = :job and tenant_id = :tenant and action = 'TRANSFER'", new MapSqlParameterSource()
                .addValue("owner", newOwnerId).addValue("job", jobId).addValue("tenant", tenantId));
    }

    public void done(UUID jobId, UUID tenantId, Instant now) {
        tables.sql().update("update " + tables.ownedTenants() + " set done_at = coalesce(done_at, :now)"
                + " where job_id = :job and tenant_id = :tenant", new MapSqlParameterSource().addValue("now", at(now))
                .addValue("job", jobId).addValue("tenant", tenantId));
    }
}
