package com.bakeryia.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.DemoValues;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The orders service's share of generated data (about 16% of a size's rows): customers (1%),
 * orders over the last year (4%), their items (10%) and status changes (1%), written with COPY.
 * People columns name the given members in turn, or nobody when there are none.
 */
@Component
class OrdersDemoData implements DemoDataContributor {

    private static final String[] FIRST_NAMES = {"Ana", "Luis", "Marta", "Jorge", "Lucia", "Pablo", "Elena", "Diego",
            "Sofia", "Javier", "Carmen", "Miguel", "Laura", "Andres", "Isabel"};
    private static final String[] LAST_NAMES = {"Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gomez", "Ruiz",
            "Diaz", "Moreno", "Alonso", "Romero", "Navarro"};
    private static final String[] BUSINESSES = {"Cafe Central", "Hotel Miramar", "Colegio San Jose", "Bar La Plaza",
            "Restaurante El Puerto", "Catering Sol", "Oficinas Norte"};
    private static final String[] PRODUCTS = {"Baguette", "Croissant", "Pan de centeno", "Pain au chocolat",
            "Tarta de manzana", "Magdalenas", "Ensaimada", "Pan integral", "Bizcocho", "Napolitana", "Chapata",
            "Roscon", "Palmera", "Hogaza"};
    private static final BigDecimal[] PRICES = {new BigDecimal("1.20"), new BigDecimal("1.50"), new BigDecimal("2.80"),
            new BigDecimal("1.90"), new BigDecimal("14.50"), new BigDecimal("3.20"), new BigDecimal("2.10"),
            new BigDecimal("2.40"), new BigDecimal("8.90"), new BigDecimal("1.70"), new BigDecimal("1.60"),
            new BigDecimal("18.00"), new BigDecimal("1.80"), new BigDecimal("4.50")};
    private static final String[] STATUSES = {"PENDING", "CONFIRMED", "IN_PRODUCTION", "READY", "DELIVERED", "CANCELLED"};

    private final ServiceDatabase db;
    private final Clock clock;

    OrdersDemoData(@Qualifier("orders") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "orders";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        SplittableRandom random = new SplittableRandom();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int customerCount = size.share(0.01);
        int orderCount = size.share(0.04);
        int itemCount = Math.max(orderCount, size.share(0.10));
        int historyCount = size.share(0.01);
        Map<String, Long> written = new LinkedHashMap<>();
        UUID[] productIds = new UUID[PRODUCTS.length];
        for (int p = 0; p < productIds.length; p++) {
            productIds[p] = productId(tenantId, p);
        }

        UUID[] customers = new UUID[customerCount];
        try (TableCopy copy = TableCopy.into(db, "customers",
                "id", "tenant_id", "name", "email", "phone", "customer_type", "created_by", "created_at")) {
            for (int i = 0; i < customerCount; i++) {
                customers[i] = DemoValues.randomId(random);
                boolean business = random.nextInt(5) == 0;
                String name = business ? pick(random, BUSINESSES) + " " + (i + 1)
                        : pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
                copy.row(customers[i], tenantId, name, "customer" + (i + 1) + "@example.com",
                        "+34 600 " + String.format("%06d", random.nextInt(1_000_000)),
                        business ? "BUSINESS" : "INDIVIDUAL", DemoValues.person(memberIds, i), now.minusDays(365 + random.nextInt(365)));
            }
            written.put("orders.customers", copy.rows());
        }

        // Items first in memory, so each order's total is the sum of its lines.
        UUID[] orders = new UUID[orderCount];
        for (int i = 0; i < orderCount; i++) {
            orders[i] = DemoValues.randomId(random);
        }
        BigDecimal[] totals = new BigDecimal[orderCount];
        java.util.Arrays.fill(totals, BigDecimal.ZERO);
        int[] productOfItem = new int[itemCount];
        int[] quantityOfItem = new int[itemCount];
        for (int i = 0; i < itemCount; i++) {
            productOfItem[i] = random.nextInt(PRODUCTS.length);
            quantityOfItem[i] = 1 + random.nextInt(24);
            int order = i % orderCount;
            totals[order] = totals[order].add(PRICES[productOfItem[i]].multiply(BigDecimal.valueOf(quantityOfItem[i])));
        }
        OffsetDateTime[] placedAt = new OffsetDateTime[orderCount];
        String[] statuses = new String[orderCount];
        try (TableCopy copy = TableCopy.into(db, "customer_orders", "id", "tenant_id", "customer_id", "status",
                "delivery_date", "total_amount", "notes", "created_by", "created_at")) {
            for (int i = 0; i < orderCount; i++) {
                placedAt[i] = now.minusMinutes(random.nextInt(365 * 24 * 60));
                LocalDate delivery = placedAt[i].toLocalDate().plusDays(random.nextInt(4));
                statuses[i] = delivery.isBefore(now.toLocalDate()) ? (random.nextInt(20) == 0 ? "CANCELLED" : "DELIVERED")
                        : pick(random, STATUSES);
                copy.row(orders[i], tenantId, customers[random.nextInt(customerCount)], statuses[i], delivery, totals[i],
                        random.nextInt(6) == 0 ? "Entregar antes de las 9:00" : null, DemoValues.person(memberIds, i), placedAt[i]);
            }
            written.put("orders.customer_orders", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "order_items", "id", "tenant_id", "order_id", "product_id",
                "product_name", "quantity", "unit_price", "created_at")) {
            for (int i = 0; i < itemCount; i++) {
                int order = i % orderCount;
                copy.row(DemoValues.randomId(random), tenantId, orders[order], productIds[productOfItem[i]],
                        PRODUCTS[productOfItem[i]], quantityOfItem[i], PRICES[productOfItem[i]], placedAt[order]);
            }
            written.put("orders.order_items", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "order_status_history", "id", "tenant_id", "order_id", "from_status",
                "to_status", "changed_by", "changed_at", "created_at")) {
            for (int i = 0; i < historyCount; i++) {
                int order = i % orderCount;
                OffsetDateTime at = placedAt[order].plusHours(1 + i / orderCount);
                copy.row(DemoValues.randomId(random), tenantId, orders[order], i < orderCount ? null : "PENDING",
                        i < orderCount ? "PENDING" : statuses[order], DemoValues.person(memberIds, i), at, at);
            }
            written.put("orders.order_status_history", copy.rows());
        }
        return written;
    }

    /** A stable product id per tenant and catalogue entry, as another service would hold it. */
    private static UUID productId(UUID tenantId, int product) {
        return UUID.nameUUIDFromBytes((tenantId + "/product/" + product).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
