package com.bakeryia.suppliers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Purchase orders with their items, in the {@code suppliers} schema. */
@Component
class PurchaseOrders {

    /** The largest total that {@code purchase_orders.total_amount numeric(14,2)} holds. */
    static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999.99");

    private final ServiceDatabase db;
    private final Suppliers suppliers;
    private final Clock clock;

    PurchaseOrders(@Qualifier("suppliers") ServiceDatabase db, Suppliers suppliers, Clock clock) {
        this.db = db;
        this.suppliers = suppliers;
        this.clock = clock;
    }

    /** Writes the order as DRAFT with all its items in one transaction: all or nothing. */
    PurchaseOrderView place(UUID tenantId, NewPurchaseOrder order, UUID createdBy) {
        return db.transactions().execute(status -> {
            suppliers.requireExisting(tenantId, order.supplierId());
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            BigDecimal total = order.items().stream().map(item -> item.unitPrice().multiply(item.quantity()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
            if (total.compareTo(MAX_TOTAL) > 0) {
                throw ApiProblem.badRequest("Field 'items': the order total " + total.toPlainString()
                        + " exceeds the largest allowed, " + MAX_TOTAL.toPlainString() + ".");
            }
            db.jdbc().update("""
                    insert into suppliers.purchase_orders
                        (id, tenant_id, supplier_id, status, expected_on, total_amount, notes, created_by, created_at)
                    values (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?)""",
                    id, tenantId, order.supplierId(), order.expectedOn(), total, order.notes(), createdBy, now);
            List<PurchaseOrderView.Item> items = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (NewPurchaseOrder.Item item : order.items()) {
                UUID itemId = UUID.randomUUID();
                items.add(new PurchaseOrderView.Item(itemId, item.ingredientId(), item.quantity(), item.unit(), item.unitPrice()));
                rows.add(new Object[] {itemId, tenantId, id, item.ingredientId(), item.quantity(), item.unit(),
                        item.unitPrice(), now});
            }
            db.jdbc().batchUpdate("""
                    insert into suppliers.purchase_order_items
                        (id, tenant_id, purchase_order_id, ingredient_id, quantity, unit, unit_price, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            return new PurchaseOrderView(id, tenantId, order.supplierId(), "DRAFT", order.expectedOn(), total,
                    order.notes(), createdBy, null, now, items);
        });
    }

    /**
     * Records a delivery against an open order, in one transaction with the order locked; a COMPLETE
     * delivery marks the order RECEIVED. A received or cancelled order takes no more deliveries (409).
     */
    DeliveryView receive(UUID tenantId, UUID orderId, NewDelivery delivery, UUID receivedBy) {
        return db.transactions().execute(status -> {
            List<String> current = db.jdbc().queryForList(
                    "select status from suppliers.purchase_orders where tenant_id = ? and id = ? for no key update",
                    String.class, tenantId, orderId);
            if (current.isEmpty()) {
                throw ApiProblem.notFound("Purchase order " + orderId + " does not exist in tenant " + tenantId + ".");
            }
            if (current.get(0).equals("RECEIVED") || current.get(0).equals("CANCELLED")) {
                throw ApiProblem.conflict("Purchase order " + orderId + " is " + current.get(0) + " and takes no deliveries.");
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("""
                    insert into suppliers.deliveries
                        (id, tenant_id, purchase_order_id, delivered_on, status, notes, received_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, tenantId, orderId, delivery.deliveredOn(), delivery.status(), delivery.notes(), receivedBy, now);
            if (delivery.status().equals("COMPLETE")) {
                db.jdbc().update("update suppliers.purchase_orders set status = 'RECEIVED' where tenant_id = ? and id = ?",
                        tenantId, orderId);
            }
            return new DeliveryView(id, tenantId, orderId, delivery.deliveredOn(), delivery.status(), delivery.notes(),
                    receivedBy, now);
        });
    }

    /**
     * A page of the order's deliveries, oldest first; 404 when the order is not the tenant's. Paged
     * like every list: an open order takes any number of PARTIAL deliveries.
     */
    List<DeliveryView> deliveries(UUID tenantId, UUID orderId, int limit, int offset) {
        if (db.jdbc().queryForList("select id from suppliers.purchase_orders where tenant_id = ? and id = ?",
                UUID.class, tenantId, orderId).isEmpty()) {
            throw ApiProblem.notFound("Purchase order " + orderId + " does not exist in tenant " + tenantId + ".");
        }
        return db.jdbc().query("""
                select * from suppliers.deliveries where tenant_id = ? and purchase_order_id = ?
                order by delivered_on, created_at, id limit ? offset ?""",
                (row, index) -> new DeliveryView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                        row.getObject("purchase_order_id", UUID.class), row.getObject("delivered_on", LocalDate.class),
                        row.getString("status"), row.getString("notes"), row.getObject("received_by", UUID.class),
                        row.getObject("created_at", OffsetDateTime.class)),
                tenantId, orderId, limit, offset);
    }

    /** Oldest first, ties broken by id; each order with its items. */
    List<PurchaseOrderView> list(UUID tenantId, int limit, int offset) {
        List<PurchaseOrderView> orders = db.jdbc().query("""
                select * from suppliers.purchase_orders where tenant_id = ? order by created_at, id limit ? offset ?""",
                PurchaseOrders::order, tenantId, limit, offset);
        if (orders.isEmpty()) {
            return orders;
        }
        Map<UUID, List<PurchaseOrderView.Item>> items = new HashMap<>();
        db.namedJdbc().query("""
                select id, purchase_order_id, ingredient_id, quantity, unit, unit_price from suppliers.purchase_order_items
                where tenant_id = :tenant and purchase_order_id in (:orders) order by purchase_order_id, created_at, id""",
                Map.of("tenant", tenantId, "orders", orders.stream().map(PurchaseOrderView::id).toList()), row -> {
                    items.computeIfAbsent(row.getObject("purchase_order_id", UUID.class), key -> new ArrayList<>())
                            .add(new PurchaseOrderView.Item(row.getObject("id", UUID.class),
                                    row.getObject("ingredient_id", UUID.class), row.getBigDecimal("quantity"),
                                    row.getString("unit"), row.getBigDecimal("unit_price")));
                });
        return orders.stream().map(order -> order.withItems(items.getOrDefault(order.id(), List.of()))).toList();
    }

    private static PurchaseOrderView order(ResultSet row, int index) throws SQLException {
        return new PurchaseOrderView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("supplier_id", UUID.class), row.getString("status"),
                row.getObject("expected_on", LocalDate.class), row.getBigDecimal("total_amount"), row.getString("notes"),
                row.getObject("created_by", UUID.class), row.getObject("approved_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class), List.of());
    }
}
