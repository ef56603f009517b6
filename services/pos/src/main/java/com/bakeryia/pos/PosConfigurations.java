package com.bakeryia.pos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The tenant's tills, in {@code pos.pos_configurations}. */
@Component
class PosConfigurations {

    private final ServiceDatabase db;
    private final Clock clock;

    PosConfigurations(@Qualifier("pos") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    PosConfigurationView add(UUID tenantId, NewPosConfiguration configuration, UUID createdBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        db.jdbc().update("""
                insert into pos.pos_configurations
                    (id, tenant_id, name, provider, location_name, active, created_by, created_at)
                values (?, ?, ?, ?, ?, true, ?, ?)""",
                id, tenantId, configuration.name(), configuration.provider(), configuration.locationName(), createdBy, now);
        return new PosConfigurationView(id, tenantId, configuration.name(), configuration.provider(),
                configuration.locationName(), true, createdBy, now);
    }

    /** Oldest first, ties broken by id, so pages never overlap or skip. */
    List<PosConfigurationView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, name, provider, location_name, active, created_by, created_at
                from pos.pos_configurations where tenant_id = ? order by created_at, id limit ? offset ?""",
                PosConfigurations::view, tenantId, limit, offset);
    }

    /** Whether the till exists in this tenant; locks it so it cannot vanish under a new session. */
    boolean lockExisting(UUID tenantId, UUID configurationId) {
        return !db.jdbc().queryForList(
                "select id from pos.pos_configurations where tenant_id = ? and id = ? for key share",
                UUID.class, tenantId, configurationId).isEmpty();
    }

    private static PosConfigurationView view(ResultSet row, int index) throws SQLException {
        return new PosConfigurationView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getString("name"), row.getString("provider"), row.getString("location_name"),
                row.getBoolean("active"), row.getObject("created_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
