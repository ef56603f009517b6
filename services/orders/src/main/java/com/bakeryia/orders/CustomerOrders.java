package com.bakeryia.orders;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Customer orders with their items and status history, in the {@code orders} schema. */
@Component
class CustomerOrders {

    static final String INITIAL_STATUS = OrderStatus.PENDING.name();
    /** The largest total that {@code customer_orders.total_amount numeric(14,2)} holds. */
    static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999.99");

    /** SQL types of an order_items row, so a null product_id needs no round trip to ask the driver for its type. */
    private static final int[] ITEM_TYPES = {java.sql.Types.OTHER, java.sql.Types.OTHER, java.sql.Types.OTHER,
            java.sql.Types.OTHER, java.sql.Types.VARCHAR, java.sql.Types.INTEGER, java.sql.Types.NUMERIC,
            java.sql.Types.TIMESTAMP_WITH_TIMEZONE};

    private final ServiceDatabase db;
    private final Customers customers;
    private final Clock clock;

    CustomerOrders(@Qualifier("orders") ServiceDatabase db, Customers customers, Clock clock) {
        this.db = db;
        this.customers = customers;
        this.clock = clock;
    }

    /** Writes the order, its items and its first status in one transaction: all or nothing. */
    OrderView place(UUID tenantId, NewOrder order, UUID createdBy) {
        return db.transactions().execute(status -> {
            if (!customers.lockExisting(tenantId, order.customerId())) {
                throw ApiProblem.badRequest("Field 'customer_id': customer " + order.customerId()
                        + " does not exist in tenant " + tenantId + ".");
            }
            UUID orderId = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            BigDecimal total = order.items().stream()
                    .map(item -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(MAX_TOTAL) > 0) {
                throw ApiProblem.badRequest("Field 'items': the order total " + total.toPlainString()
                        + " exceeds the largest allowed, " + MAX_TOTAL.toPlainString() + ".");
            }
            db.jdbc().update("""
                    insert into orders.customer_orders
                        (id, tenant_id, customer_id, status, delivery_date, total_amount, notes, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    orderId, tenantId, order.customerId(), INITIAL_STATUS, order.deliveryDate(), total, order.notes(),
                    createdBy, now);
            List<OrderView.Item> items = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (NewOrder.Item item : order.items()) {
                UUID itemId = UUID.randomUUID();
                items.add(new OrderView.Item(itemId, item.productId(), item.productName(), item.quantity(), item.unitPrice()));
                rows.add(new Object[] {itemId, tenantId, orderId, item.productId(), item.productName(), item.quantity(),
                        item.unitPrice(), now});
            }
            db.jdbc().batchUpdate("""
                    insert into orders.order_items
                        (id, tenant_id, order_id, product_id, product_name, quantity, unit_price, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", rows, ITEM_TYPES);
            db.jdbc().update("""
                    insert into orders.order_status_history
                        (id, tenant_id, order_id, from_status, to_status, changed_by, changed_at, created_at)
                    values (?, ?, ?, null, ?, ?, ?, ?)""",
                    UUID.randomUUID(), tenantId, orderId, INITIAL_STATUS, createdBy, now, now);
            return new OrderView(orderId, tenantId, order.customerId(), INITIAL_STATUS, order.deliveryDate(), total,
                    order.notes(), createdBy, now, items);
        });
    }

    /** Oldest first, ties broken by id; each order with all its items. */
    List<OrderView> list(UUID tenantId, int limit, int offset) {
        List<OrderView> orders = db.jdbc().query("""
                select id, tenant_id, customer_id, status, delivery_date, total_amount, notes, created_by, created_at
                from orders.customer_orders where tenant_id = ? order by created_at, id limit ? offset ?""",
                CustomerOrders::order, tenantId, limit, offset);
        return withItems(tenantId, orders);
    }

    Optional<OrderView> find(UUID tenantId, UUID orderId) {
        List<OrderView> orders = db.jdbc().query("""
                select id, tenant_id, customer_id, status, delivery_date, total_amount, notes, created_by, created_at
                from orders.customer_orders where tenant_id = ? and id = ?""", CustomerOrders::order, tenantId, orderId);
        return withItems(tenantId, orders).stream().findFirst();
    }

    /**
     * Moves the order to a new status and records the change, in one transaction; the order row is
     * locked so two concurrent changes cannot both start from the same status.
     */
    OrderView changeStatus(UUID tenantId, UUID orderId, StatusChange change, UUID changedBy) {
        db.transactions().executeWithoutResult(status -> {
            List<String> current = db.jdbc().queryForList(
                    "select status from orders.customer_orders where tenant_id = ? and id = ? for no key update",
                    String.class, tenantId, orderId);
            if (current.isEmpty()) {
                throw ApiProblem.notFound("Order " + orderId + " does not exist in tenant " + tenantId + ".");
            }
            OrderStatus from = OrderStatus.valueOf(current.get(0));
            if (!from.next().contains(change.status())) {
                throw ApiProblem.conflict("Order " + orderId + " is " + from + " and cannot become " + change.status()
                        + "; allowed next: " + from.next() + ".");
            }
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            db.jdbc().update("update orders.customer_orders set status = ? where tenant_id = ? and id = ?",
                    change.status().name(), tenantId, orderId);
            db.jdbc().update("""
                    insert into orders.order_status_history
                        (id, tenant_id, order_id, from_status, to_status, changed_by, changed_at, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""",
                    UUID.randomUUID(), tenantId, orderId, from.name(), change.status().name(), changedBy, now, now);
        });
        return find(tenantId, orderId).orElseThrow();
    }

    /** The order's status changes, oldest first; 404 when the order is not the tenant's. */
    List<StatusChangeView> history(UUID tenantId, UUID orderId) {
        if (find(tenantId, orderId).isEmpty()) {
            throw ApiProblem.notFound("Order " + orderId + " does not exist in tenant " + tenantId + ".");
        }
        return db.jdbc().query("""
                select id, order_id, from_status, to_status, changed_by, changed_at from orders.order_status_history
                where tenant_id = ? and order_id = ? order by changed_at, id""",
                (row, index) -> new StatusChangeView(row.getObject("id", UUID.class), row.getObject("order_id", UUID.class),
                        row.getString("from_status"), row.getString("to_status"), row.getObject("changed_by", UUID.class),
                        row.getObject("changed_at", OffsetDateTime.class)),
                tenantId, orderId);
    }

    private List<OrderView> withItems(UUID tenantId, List<OrderView> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<UUID, List<OrderView.Item>> itemsByOrder = new LinkedHashMap<>();
        orders.forEach(order -> itemsByOrder.put(order.id(), new ArrayList<>()));
        db.namedJdbc().query("""
                select id, order_id, product_id, product_name, quantity, unit_price from orders.order_items
                where tenant_id = :tenant and order_id in (:orders) order by order_id, created_at, id""",
                Map.of("tenant", tenantId, "orders", itemsByOrder.keySet()),
                row -> {
                    itemsByOrder.get(row.getObject("order_id", UUID.class)).add(new OrderView.Item(
                            row.getObject("id", UUID.class), row.getObject("product_id", UUID.class),
                            row.getString("product_name"), row.getInt("quantity"), row.getBigDecimal("unit_price")));
                });
        return orders.stream().map(order -> new OrderView(order.id(), order.tenantId(), order.customerId(), order.status(),
                order.deliveryDate(), order.totalAmount(), order.notes(), order.createdBy(), order.createdAt(),
                List.copyOf(itemsByOrder.get(order.id())))).toList();
    }

    private static OrderView order(ResultSet row, int index) throws SQLException {
        return new OrderView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("customer_id", UUID.class), row.getString("status"),
                row.getObject("delivery_date", java.time.LocalDate.class), row.getBigDecimal("total_amount"),
                row.getString("notes"), row.getObject("created_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class), List.of());
    }
}
