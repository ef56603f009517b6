package com.bakeryia.production;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The tenant's ovens, mixers and other equipment, in {@code production.equipment}. */
@Component
class BakeryEquipment {

    private final ServiceDatabase db;
    private final Clock clock;

    BakeryEquipment(@Qualifier("production") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    EquipmentView add(UUID tenantId, NewEquipment equipment) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String status = equipment.status() == null ? "OPERATIONAL" : equipment.status();
        int inserted = db.jdbc().update("""
                insert into production.equipment (id, tenant_id, name, equipment_type, status, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, name) do nothing""",
                id, tenantId, equipment.name(), equipment.equipmentType(), status, now);
        if (inserted == 0) {
            throw ApiProblem.conflict("Tenant " + tenantId + " already has equipment named '" + equipment.name() + "'.");
        }
        return new EquipmentView(id, tenantId, equipment.name(), equipment.equipmentType(), status, now);
    }

    /** Oldest first, ties broken by id. */
    List<EquipmentView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, name, equipment_type, status, created_at from production.equipment
                where tenant_id = ? order by created_at, id limit ? offset ?""",
                BakeryEquipment::view, tenantId, limit, offset);
    }

    private static EquipmentView view(ResultSet row, int index) throws SQLException {
        return new EquipmentView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getString("name"), row.getString("equipment_type"), row.getString("status"),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
