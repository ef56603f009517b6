package com.bakeryia.production;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Production batches and their quality checks, in the {@code production} schema. */
@Component
class ProductionBatches {

    private final ServiceDatabase db;
    private final TenantDirectory tenants;
    private final Clock clock;

    ProductionBatches(@Qualifier("production") ServiceDatabase db, TenantDirectory tenants, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Plans a batch; equipment and schedule must be the tenant's, the assignee one of its members. */
    ProductionBatchView plan(UUID tenantId, NewProductionBatch batch, UUID createdBy) {
        if (batch.assignedTo() != null && !tenants.memberIds(tenantId).contains(batch.assignedTo())) {
            throw ApiProblem.badRequest("Field 'assigned_to': user " + batch.assignedTo()
                    + " is not a member of tenant " + tenantId + ".");
        }
        return db.transactions().execute(status -> {
            requireOwned(tenantId, "equipment", batch.equipmentId(), "equipment_id");
            requireOwned(tenantId, "production_schedules", batch.scheduleId(), "schedule_id");
            UUID id = UUID.randomUUID();
            OffsetDateTime now = now();
            OffsetDateTime start = batch.plannedStart().withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into production.production_batches (id, tenant_id, schedule_id, equipment_id, recipe_id,
                        product_name, planned_quantity, status, planned_start, assigned_to, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?, ?)""",
                    id, tenantId, batch.scheduleId(), batch.equipmentId(), batch.recipeId(), batch.productName(),
                    batch.plannedQuantity(), start, batch.assignedTo(), createdBy, now);
            return new ProductionBatchView(id, tenantId, batch.scheduleId(), batch.equipmentId(), batch.recipeId(),
                    batch.productName(), batch.plannedQuantity(), null, "PLANNED", start, batch.assignedTo(), createdBy, now);
        });
    }

    /** By planned start, ties broken by id. */
    List<ProductionBatchView> list(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select * from production.production_batches where tenant_id = ?
                order by planned_start, id limit ? offset ?""", ProductionBatches::batch, tenantId, limit, offset);
    }

    QualityCheckView check(UUID tenantId, UUID batchId, NewQualityCheck check, UUID checkedBy) {
        return db.transactions().execute(status -> {
            requireBatch(tenantId, batchId);
            UUID id = UUID.randomUUID();
            OffsetDateTime now = now();
            OffsetDateTime at = check.checkedAt() == null ? now : check.checkedAt().withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into production.quality_checks
                        (id, tenant_id, batch_id, check_type, result, score, notes, checked_by, checked_at, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, tenantId, batchId, check.checkType(), check.result(), check.score(), check.notes(), checkedBy, at, now);
            return new QualityCheckView(id, tenantId, batchId, check.checkType(), check.result(), check.score(),
                    check.notes(), checkedBy, at, now);
        });
    }

    /** The batch's checks, oldest first; 404 when the batch is not the tenant's. */
    List<QualityCheckView> checks(UUID tenantId, UUID batchId, int limit, int offset) {
        requireBatch(tenantId, batchId);
        return db.jdbc().query("""
                select * from production.quality_checks where tenant_id = ? and batch_id = ?
                order by checked_at, id limit ? offset ?""", ProductionBatches::qualityCheck, tenantId, batchId, limit, offset);
    }

    private void requireBatch(UUID tenantId, UUID batchId) {
        if (db.jdbc().queryForList("select id from production.production_batches where tenant_id = ? and id = ? for key share",
                UUID.class, tenantId, batchId).isEmpty()) {
            throw ApiProblem.notFound("Production batch " + batchId + " does not exist in tenant " + tenantId + ".");
        }
    }

    private void requireOwned(UUID tenantId, String table, UUID id, String field) {
        if (id != null && db.jdbc().queryForList("select id from production." + table
                + " where tenant_id = ? and id = ? for key share", UUID.class, tenantId, id).isEmpty()) {
            throw ApiProblem.badRequest("Field '" + field + "': " + id + " does not exist in tenant " + tenantId + ".");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static ProductionBatchView batch(ResultSet row, int index) throws SQLException {
        return new ProductionBatchView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("schedule_id", UUID.class), row.getObject("equipment_id", UUID.class),
                row.getObject("recipe_id", UUID.class), row.getString("product_name"), row.getInt("planned_quantity"),
                row.getObject("actual_quantity", Integer.class), row.getString("status"),
                row.getObject("planned_start", OffsetDateTime.class), row.getObject("assigned_to", UUID.class),
                row.getObject("created_by", UUID.class), row.getObject("created_at", OffsetDateTime.class));
    }

    private static QualityCheckView qualityCheck(ResultSet row, int index) throws SQLException {
        return new QualityCheckView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("batch_id", UUID.class), row.getString("check_type"), row.getString("result"),
                row.getBigDecimal("score"), row.getString("notes"), row.getObject("checked_by", UUID.class),
                row.getObject("checked_at", OffsetDateTime.class), row.getObject("created_at", OffsetDateTime.class));
    }
}
