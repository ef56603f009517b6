package com.bakeryia.pos;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The pos share of generated data, about a quarter of all rows: tills, one session per till and
 * day, and the day's transactions (about 8% of all rows) with their items (about 17%), a bakery's
 * busiest table. Cashiers are the tenant's members.
 */
@Component
class PosDemoData implements DemoDataContributor {

    static final double TRANSACTION_SHARE = 0.08;
    static final double ITEM_SHARE = 0.17;

    private static final String[] PRODUCTS = {"Baguette", "Croissant", "Pain au chocolat", "Sourdough loaf",
            "Rye bread", "Cinnamon roll", "Brioche", "Focaccia", "Apple turnover", "Eclair", "Seeded roll", "Coffee"};
    private static final int[] PRICE_CENTS = {120, 140, 160, 450, 390, 280, 350, 400, 260, 300, 90, 210};
    private static final String[] PROVIDERS = {"SQUARE", "TOAST", "LIGHTSPEED", "GENERIC"};
    private static final String[] PAYMENTS = {"CARD", "CARD", "CARD", "CASH", "CASH", "MOBILE"};

    private final ServiceDatabase db;
    private final Clock clock;

    PosDemoData(@Qualifier("pos") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "pos";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        var random = new SplittableRandom();
        int transactions = (int) Math.max(1, Math.round(size.totalRows() * TRANSACTION_SHARE));
        int items = (int) Math.max(transactions, Math.round(size.totalRows() * ITEM_SHARE));
        int tills = Math.min(20, 1 + transactions / 4_000);
        int sessions = Math.max(1, transactions / 40);
        int days = (sessions + tills - 1) / tills;
        OffsetDateTime today = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] tillIds = new UUID[tills];
        try (TableCopy copy = TableCopy.into(db, "pos_configurations",
                "id", "tenant_id", "name", "provider", "location_name", "active", "created_by", "created_at")) {
            for (int t = 0; t < tills; t++) {
                tillIds[t] = UUID.randomUUID();
                copy.row(tillIds[t], tenantId, "Till " + (t + 1), PROVIDERS[t % PROVIDERS.length],
                        "Shop " + (t / 4 + 1), true, member(memberIds, random), today.minusDays(days + 30L));
            }
            written.put("pos.pos_configurations", copy.rows());
        }

        UUID[] sessionIds = new UUID[sessions];
        OffsetDateTime[] sessionOpenedAt = new OffsetDateTime[sessions];
        try (TableCopy copy = TableCopy.into(db, "pos_sessions", "id", "tenant_id", "configuration_id", "status",
                "opening_cash", "closing_cash", "opened_by", "closed_by", "opened_at", "closed_at")) {
            for (int s = 0; s < sessions; s++) {
                sessionIds[s] = UUID.randomUUID();
                int day = s / tills;
                OffsetDateTime opened = today.minusDays(days - day).plusHours(6).plusMinutes(random.nextInt(30));
                sessionOpenedAt[s] = opened;
                boolean open = s == sessions - 1;
                UUID cashier = member(memberIds, random);
                copy.row(sessionIds[s], tenantId, tillIds[s % tills], open ? "OPEN" : "CLOSED",
                        money(10_000 + random.nextInt(5_000)), open ? null : money(30_000 + random.nextInt(90_000)),
                        cashier, open ? null : cashier, opened, open ? null : opened.plusHours(8));
            }
            written.put("pos.pos_sessions", copy.rows());
        }

        // Items are drawn first so each transaction's total is the sum of its lines.
        int[] itemProduct = new int[items];
        int[] itemQuantity = new int[items];
        long[] totalCents = new long[transactions];
        for (int i = 0; i < items; i++) {
            itemProduct[i] = random.nextInt(PRODUCTS.length);
            itemQuantity[i] = 1 + (random.nextInt(10) == 0 ? random.nextInt(12) : random.nextInt(3));
            totalCents[i % transactions] += (long) PRICE_CENTS[itemProduct[i]] * itemQuantity[i];
        }
        UUID[] transactionIds = new UUID[transactions];
        try (TableCopy copy = TableCopy.into(db, "pos_transactions", "id", "tenant_id", "session_id",
                "transaction_type", "payment_method", "total_amount", "tax_amount", "occurred_at", "created_by")) {
            for (int t = 0; t < transactions; t++) {
                transactionIds[t] = UUID.randomUUID();
                int session = t % sessions;
                int roll = random.nextInt(100);
                String type = roll < 97 ? "SALE" : roll < 99 ? "REFUND" : "VOID";
                copy.row(transactionIds[t], tenantId, sessionIds[session], type,
                        PAYMENTS[random.nextInt(PAYMENTS.length)], money(totalCents[t]),
                        money(totalCents[t] * 10 / 110), sessionOpenedAt[session].plusMinutes(5 + random.nextInt(470)),
                        member(memberIds, random));
            }
            written.put("pos.pos_transactions", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "pos_transaction_items", "id", "tenant_id", "transaction_id",
                "product_id", "product_name", "quantity", "unit_price")) {
            UUID[] productIds = productIds(tenantId);
            for (int i = 0; i < items; i++) {
                int product = itemProduct[i];
                copy.row(UUID.randomUUID(), tenantId, transactionIds[i % transactions], productIds[product],
                        PRODUCTS[product], itemQuantity[i], money(PRICE_CENTS[product]));
            }
            written.put("pos.pos_transaction_items", copy.rows());
        }
        return written;
    }

    /** Stable product ids per tenant, so the same product always carries the same id. */
    private static UUID[] productIds(UUID tenantId) {
        UUID[] ids = new UUID[PRODUCTS.length];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = UUID.nameUUIDFromBytes((tenantId + "/product/" + PRODUCTS[p]).getBytes());
        }
        return ids;
    }

    private static UUID member(List<UUID> memberIds, SplittableRandom random) {
        return memberIds.isEmpty() ? null : memberIds.get(random.nextInt(memberIds.size()));
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
