package com.bakeryia.inventory;

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

/** Stock batches and stock movements, in the {@code inventory} schema. */
@Component
class Stock {

    private final ServiceDatabase db;
    private final Ingredients ingredients;
    private final Clock clock;

    Stock(@Qualifier("inventory") ServiceDatabase db, Ingredients ingredients, Clock clock) {
        this.db = db;
        this.ingredients = ingredients;
        this.clock = clock;
    }

    StockBatchView receive(UUID tenantId, NewStockBatch batch) {
        if (batch.expiresOn() != null && batch.expiresOn().isBefore(batch.receivedOn())) {
            throw ApiProblem.badRequest("Field 'expires_on' must not be before 'received_on'.");
        }
        return db.transactions().execute(status -> {
            ingredients.requireExisting(tenantId, batch.ingredientId(), "ingredient_id");
            UUID id = UUID.randomUUID();
            OffsetDateTime now = now();
            db.jdbc().update("""
                    insert into inventory.stock_batches
                        (id, tenant_id, ingredient_id, batch_code, quantity, supplier_id, received_on, expires_on, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, tenantId, batch.ingredientId(), batch.batchCode(), batch.quantity(), batch.supplierId(),
                    batch.receivedOn(), batch.expiresOn(), now);
            return new StockBatchView(id, tenantId, batch.ingredientId(), batch.batchCode(), batch.quantity(),
                    batch.supplierId(), batch.receivedOn(), batch.expiresOn(), now);
        });
    }

    List<StockBatchView> batches(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, ingredient_id, batch_code, quantity, supplier_id, received_on, expires_on, created_at
                from inventory.stock_batches where tenant_id = ? order by created_at, id limit ? offset ?""",
                Stock::batch, tenantId, limit, offset);
    }

    StockMovementView record(UUID tenantId, NewStockMovement movement, UUID recordedBy) {
        return db.transactions().execute(status -> {
            ingredients.requireExisting(tenantId, movement.ingredientId(), "ingredient_id");
            if (movement.batchId() != null && db.jdbc().queryForList("""
                    select id from inventory.stock_batches where tenant_id = ? and id = ? and ingredient_id = ? for key share""",
                    UUID.class, tenantId, movement.batchId(), movement.ingredientId()).isEmpty()) {
                throw ApiProblem.badRequest("Field 'batch_id': batch " + movement.batchId()
                        + " is not a batch of ingredient " + movement.ingredientId() + " in tenant " + tenantId + ".");
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = now();
            OffsetDateTime occurredAt = movement.occurredAt() == null ? now
                    : movement.occurredAt().withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into inventory.stock_movements
                        (id, tenant_id, ingredient_id, batch_id, movement_type, quantity, occurred_at, note, recorded_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, tenantId, movement.ingredientId(), movement.batchId(), movement.movementType(),
                    movement.quantity(), occurredAt, movement.note(), recordedBy, now);
            return new StockMovementView(id, tenantId, movement.ingredientId(), movement.batchId(),
                    movement.movementType(), movement.quantity(), occurredAt, movement.note(), recordedBy, now);
        });
    }

    /** Oldest movement first, ties broken by id. */
    List<StockMovementView> movements(UUID tenantId, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, ingredient_id, batch_id, movement_type, quantity, occurred_at, note, recorded_by, created_at
                from inventory.stock_movements where tenant_id = ? order by occurred_at, id limit ? offset ?""",
                Stock::movement, tenantId, limit, offset);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static StockBatchView batch(ResultSet row, int index) throws SQLException {
        return new StockBatchView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("ingredient_id", UUID.class), row.getString("batch_code"), row.getBigDecimal("quantity"),
                row.getObject("supplier_id", UUID.class), row.getObject("received_on", java.time.LocalDate.class),
                row.getObject("expires_on", java.time.LocalDate.class), row.getObject("created_at", OffsetDateTime.class));
    }

    private static StockMovementView movement(ResultSet row, int index) throws SQLException {
        return new StockMovementView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("ingredient_id", UUID.class), row.getObject("batch_id", UUID.class),
                row.getString("movement_type"), row.getBigDecimal("quantity"),
                row.getObject("occurred_at", OffsetDateTime.class), row.getString("note"),
                row.getObject("recorded_by", UUID.class), row.getObject("created_at", OffsetDateTime.class));
    }
}
