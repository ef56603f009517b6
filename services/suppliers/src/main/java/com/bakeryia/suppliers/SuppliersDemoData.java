package com.bakeryia.suppliers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
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
 * The suppliers service's share of generated data (about 5% of a size's rows): suppliers, their
 * price lists, a year of purchase orders with items, and deliveries of the received ones, written
 * with COPY. Ingredient ids are stable per tenant and ingredient name, as the inventory service
 * would hold them. People columns name the given members in turn, or nobody when there are none.
 */
@Component
class SuppliersDemoData implements DemoDataContributor {

    private static final String[] SUPPLIERS = {"Harinera del Norte", "Lacteos La Vega", "Huevos Camposol",
            "Distribuciones Azucar Sur", "Frutas Hermanos Ruiz", "Cacao Origen", "Envases Rapidos"};
    private static final String[] INGREDIENTS = {"Harina de trigo T55", "Harina de centeno", "Harina integral",
            "Mantequilla", "Leche entera", "Huevos", "Azucar", "Levadura fresca", "Sal", "Chocolate negro",
            "Almendras", "Manzanas", "Nata", "Canela", "Aceite de oliva"};
    private static final String[] UNITS = {"KG", "KG", "KG", "KG", "L", "UNIT", "KG", "G", "KG", "KG", "KG", "KG", "L", "G", "L"};

    private final ServiceDatabase db;
    private final Clock clock;

    SuppliersDemoData(@Qualifier("suppliers") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "suppliers";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        SplittableRandom random = new SplittableRandom();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        int supplierCount = size.share(0.002);
        int priceCount = size.share(0.006);
        int orderCount = size.share(0.008);
        int itemCount = Math.max(orderCount, size.share(0.028));
        int deliveryCount = Math.min(orderCount, size.share(0.006));
        UUID[] ingredientIds = new UUID[INGREDIENTS.length];
        BigDecimal[] basePrice = new BigDecimal[INGREDIENTS.length];
        for (int i = 0; i < INGREDIENTS.length; i++) {
            ingredientIds[i] = UUID.nameUUIDFromBytes((tenantId + "/ingredient/" + INGREDIENTS[i])
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            basePrice[i] = BigDecimal.valueOf(50 + random.nextInt(1500), 2);
        }
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] suppliers = new UUID[supplierCount];
        int firstName = (int) DemoValues.existingRows(db, "suppliers", tenantId);
        try (TableCopy copy = TableCopy.into(db, "suppliers", "id", "tenant_id", "name", "contact_email", "phone",
                "lead_time_days", "created_by", "created_at")) {
            for (int i = 0; i < supplierCount; i++) {
                suppliers[i] = DemoValues.randomId(random);
                int n = firstName + i;
                String name = firstName == 0 && n < SUPPLIERS.length ? SUPPLIERS[n] : SUPPLIERS[n % SUPPLIERS.length] + " " + (n / SUPPLIERS.length + 1);
                copy.row(suppliers[i], tenantId, name, "pedidos" + (i + 1) + "@proveedor.example",
                        "+34 91 " + String.format("%07d", random.nextInt(10_000_000)), 1 + random.nextInt(5),
                        DemoValues.person(memberIds, i), now.minusDays(400 + random.nextInt(100)));
            }
            written.put("suppliers.suppliers", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "price_lists", "id", "tenant_id", "supplier_id", "ingredient_id", "unit",
                "unit_price", "valid_from", "valid_to", "created_at")) {
            for (int i = 0; i < priceCount; i++) {
                int ingredient = i % INGREDIENTS.length;
                LocalDate from = today.minusDays(random.nextInt(365));
                copy.row(DemoValues.randomId(random), tenantId, suppliers[i % supplierCount], ingredientIds[ingredient],
                        UNITS[ingredient], basePrice[ingredient], from, random.nextInt(3) == 0 ? from.plusDays(90) : null,
                        from.atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            written.put("suppliers.price_lists", copy.rows());
        }

        // Items first in memory, so each order's total is the sum of its lines.
        int[] ingredientOfItem = new int[itemCount];
        BigDecimal[] quantityOfItem = new BigDecimal[itemCount];
        BigDecimal[] totals = new BigDecimal[orderCount];
        Arrays.fill(totals, BigDecimal.ZERO);
        for (int i = 0; i < itemCount; i++) {
            ingredientOfItem[i] = random.nextInt(INGREDIENTS.length);
            quantityOfItem[i] = BigDecimal.valueOf(5 + random.nextInt(200));
            totals[i % orderCount] = totals[i % orderCount].add(basePrice[ingredientOfItem[i]].multiply(quantityOfItem[i]));
        }
        UUID[] orders = new UUID[orderCount];
        LocalDate[] expected = new LocalDate[orderCount];
        OffsetDateTime[] createdAt = new OffsetDateTime[orderCount];
        try (TableCopy copy = TableCopy.into(db, "purchase_orders", "id", "tenant_id", "supplier_id", "status",
                "expected_on", "total_amount", "notes", "created_by", "approved_by", "created_at")) {
            for (int i = 0; i < orderCount; i++) {
                orders[i] = DemoValues.randomId(random);
                createdAt[i] = now.minusMinutes(random.nextInt(365 * 24 * 60));
                expected[i] = createdAt[i].toLocalDate().plusDays(1 + random.nextInt(5));
                // The first deliveryCount orders were received; the rest are open or in the past.
                String status = i < deliveryCount ? "RECEIVED" : expected[i].isBefore(today) ? "CANCELLED" : "SENT";
                copy.row(orders[i], tenantId, suppliers[random.nextInt(supplierCount)], status, expected[i],
                        totals[i].setScale(2, RoundingMode.HALF_UP), null, DemoValues.person(memberIds, i), DemoValues.person(memberIds, i + 1),
                        createdAt[i]);
            }
            written.put("suppliers.purchase_orders", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "purchase_order_items", "id", "tenant_id", "purchase_order_id",
                "ingredient_id", "quantity", "unit", "unit_price", "created_at")) {
            for (int i = 0; i < itemCount; i++) {
                int order = i % orderCount;
                copy.row(DemoValues.randomId(random), tenantId, orders[order], ingredientIds[ingredientOfItem[i]], quantityOfItem[i],
                        UNITS[ingredientOfItem[i]], basePrice[ingredientOfItem[i]], createdAt[order]);
            }
            written.put("suppliers.purchase_order_items", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "deliveries", "id", "tenant_id", "purchase_order_id", "delivered_on",
                "status", "notes", "received_by", "created_at")) {
            for (int i = 0; i < deliveryCount; i++) {
                boolean partial = random.nextInt(10) == 0;
                copy.row(DemoValues.randomId(random), tenantId, orders[i], expected[i], partial ? "PARTIAL" : "COMPLETE",
                        partial ? "Faltan unidades" : null, DemoValues.person(memberIds, i),
                        expected[i].atTime(7, 30).atOffset(ZoneOffset.UTC));
            }
            written.put("suppliers.deliveries", copy.rows());
        }
        return written;
    }
}
