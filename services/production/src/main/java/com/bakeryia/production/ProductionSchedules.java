package com.bakeryia.production;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Shift schedules, in {@code production.production_schedules}. */
@Component
class ProductionSchedules {

    private final ServiceDatabase db;
    private final Clock clock;

    ProductionSchedules(@Qualifier("production") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new DRAFT schedule; a second one for the same day and shift is a 409. */
    ProductionScheduleView add(UUID tenantId, NewProductionSchedule schedule, UUID createdBy) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int inserted = db.jdbc().update("""
                insert into production.production_schedules
                    (id, tenant_id, schedule_date, shift, status, notes, created_by, created_at)
                values (?, ?, ?, ?, 'DRAFT', ?, ?, ?) on conflict (tenant_id, schedule_date, shift) do nothing""",
                id, tenantId, schedule.scheduleDate(), schedule.shift(), schedule.notes(), createdBy, now);
        if (inserted == 0) {
            throw ApiProblem.conflict("Tenant " + tenantId + " already has a " + schedule.shift() + " schedule on "
                    + schedule.scheduleDate() + ".");
        }
        return new ProductionScheduleView(id, tenantId, schedule.scheduleDate(), schedule.shift(), "DRAFT",
                schedule.notes(), createdBy, now);
    }

    /** By day, then shift in the order the day runs (night, morning, afternoon), then id. */
    List<ProductionScheduleView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select * from production.production_schedules where tenant_id = ?
                order by schedule_date, array_position(array['NIGHT', 'MORNING', 'AFTERNOON'], shift), id
                limit ? offset ?""", ProductionSchedules::view, tenantId, limit, offset);
    }

    private static ProductionScheduleView view(ResultSet row, int index) throws SQLException {
        return new ProductionScheduleView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("schedule_date", LocalDate.class), row.getString("shift"), row.getString("status"),
                row.getString("notes"), row.getObject("created_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
