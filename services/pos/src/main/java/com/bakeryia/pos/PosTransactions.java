package com.bakeryia.pos;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Transactions rung up in cashier sessions, with their items, in {@code pos.pos_transactions}. */
@Component
class PosTransactions {

    private static final int[] ITEM_TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR,
            Types.INTEGER, Types.NUMERIC, Types.TIMESTAMP_WITH_TIMEZONE};

    private final ServiceDatabase db;
    private final PosSessions sessions;
    private final Clock clock;

    PosTransactions(@Qualifier("pos") ServiceDatabase db, PosSessions sessions, Clock clock) {
        this.db = db;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Writes the transaction and all its items in one database transaction: all or nothing. */
    PosTransactionView record(UUID tenantId, NewPosTransaction transaction, UUID createdBy) {
        return db.transactions().execute(status -> {
            String sessionStatus = sessions.lockStatus(tenantId, transaction.sessionId());
            if (sessionStatus == null) {
                throw ApiProblem.badRequest("Field 'session_id': POS session " + transaction.sessionId()
                        + " does not exist in tenant " + tenantId + ".");
            }
            if (!"OPEN".equals(sessionStatus)) {
                throw ApiProblem.conflict("POS session " + transaction.sessionId() + " is " + sessionStatus
                        + " and takes no transactions.");
            }
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            OffsetDateTime occurredAt = transaction.occurredAt() == null ? now
                    : transaction.occurredAt().withOffsetSameInstant(ZoneOffset.UTC);
            String type = transaction.transactionType() == null ? "SALE" : transaction.transactionType();
            BigDecimal tax = transaction.taxAmount() == null ? BigDecimal.ZERO : transaction.taxAmount();
            BigDecimal total = transaction.items().stream()
                    .map(item -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            db.jdbc().update("""
                    insert into pos.pos_transactions (id, tenant_id, session_id, transaction_type, payment_method,
                        total_amount, tax_amount, occurred_at, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, tenantId, transaction.sessionId(), type, transaction.paymentMethod(), total, tax, occurredAt,
                    createdBy, now);
            List<PosTransactionView.Item> items = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (NewPosTransaction.Item item : transaction.items()) {
                UUID itemId = UUID.randomUUID();
                items.add(new PosTransactionView.Item(itemId, item.productId(), item.productName(), item.quantity(),
                        item.unitPrice()));
                rows.add(new Object[] {itemId, tenantId, id, item.productId(), item.productName(), item.quantity(),
                        item.unitPrice(), now});
            }
            db.jdbc().batchUpdate("""
                    insert into pos.pos_transaction_items
                        (id, tenant_id, transaction_id, product_id, product_name, quantity, unit_price, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", rows, ITEM_TYPES);
            return new PosTransactionView(id, tenantId, transaction.sessionId(), type, transaction.paymentMethod(),
                    total, tax, occurredAt, createdBy, items);
        });
    }

    /** Oldest first by when they were rung up, ties broken by id; each with all its items. */
    List<PosTransactionView> list(UUID tenantId, int limit, int offset) {
        List<PosTransactionView> transactions = db.jdbc().query("""
                select id, tenant_id, session_id, transaction_type, payment_method, total_amount, tax_amount,
                       occurred_at, created_by
                from pos.pos_transactions where tenant_id = ? order by occurred_at, id limit ? offset ?""",
                PosTransactions::view, tenantId, limit, offset);
        if (transactions.isEmpty()) {
            return transactions;
        }
        Map<UUID, List<PosTransactionView.Item>> itemsByTransaction = new LinkedHashMap<>();
        transactions.forEach(transaction -> itemsByTransaction.put(transaction.id(), new ArrayList<>()));
        db.namedJdbc().query("""
                select id, transaction_id, product_id, product_name, quantity, unit_price
                from pos.pos_transaction_items
                where tenant_id = :tenant and transaction_id in (:transactions) order by transaction_id, created_at, id""",
                Map.of("tenant", tenantId, "transactions", itemsByTransaction.keySet()),
                row -> {
                    itemsByTransaction.get(row.getObject("transaction_id", UUID.class)).add(new PosTransactionView.Item(
                            row.getObject("id", UUID.class), row.getObject("product_id", UUID.class),
                            row.getString("product_name"), row.getInt("quantity"), row.getBigDecimal("unit_price")));
                });
        return transactions.stream().map(t -> new PosTransactionView(t.id(), t.tenantId(), t.sessionId(),
                t.transactionType(), t.paymentMethod(), t.totalAmount(), t.taxAmount(), t.occurredAt(), t.createdBy(),
                List.copyOf(itemsByTransaction.get(t.id())))).toList();
    }

    private static PosTransactionView view(ResultSet row, int index) throws SQLException {
        return new PosTransactionView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getObject("session_id", UUID.class), row.getString("transaction_type"),
                row.getString("payment_method"), row.getBigDecimal("total_amount"), row.getBigDecimal("tax_amount"),
                row.getObject("occurred_at", OffsetDateTime.class), row.getObject("created_by", UUID.class), List.of());
    }
}
