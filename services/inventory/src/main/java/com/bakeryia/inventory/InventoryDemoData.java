package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * The inventory service's share of generated data (about 16% of a size's rows): ingredients,
 * their delivered batches, and a year of stock movements (15%), written with COPY. The catalogue
 * ingredients have stable ids per tenant and name, which the recipes and suppliers generators use
 * too. People columns name the given members in turn, or nobody when there are none.
 */
@Component
class InventoryDemoData implements DemoDataContributor {

    /** Name, category, unit. */
    private static final String[][] INGREDIENTS = {
            {"Harina de trigo T55", "FLOUR", "KG"}, {"Harina de centeno", "FLOUR", "KG"},
            {"Harina integral", "FLOUR", "KG"}, {"Mantequilla", "FAT", "KG"}, {"Leche entera", "DAIRY", "L"},
            {"Huevos", "EGGS", "UNIT"}, {"Azucar", "SUGAR", "KG"}, {"Levadura fresca", "YEAST", "G"},
            {"Sal", "SPICE", "KG"}, {"Chocolate negro", "CHOCOLATE", "KG"}, {"Almendras", "NUTS", "KG"},
            {"Manzanas", "FRUIT", "KG"}, {"Nata", "DAIRY", "L"}, {"Canela", "SPICE", "G"},
            {"Bolsas de papel", "PACKAGING", "UNIT"}, {"Aceite de oliva", "FAT", "L"}};
    private static final String[] MOVEMENTS = {"CONSUMPTION", "CONSUMPTION", "CONSUMPTION", "CONSUMPTION",
            "RECEIPT", "WASTE", "ADJUSTMENT"};

    private final ServiceDatabase db;
    private final Clock clock;

    InventoryDemoData(@Qualifier("inventory") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "inventory";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        SplittableRandom random = new SplittableRandom();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int ingredientCount = size.share(0.003);
        int batchCount = size.share(0.007);
        int movementCount = size.share(0.15);
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] ingredients = new UUID[ingredientCount];
        int firstName = (int) DemoValues.existingRows(db, "ingredients", tenantId);
        try (TableCopy copy = TableCopy.into(db, "ingredients",
                "id", "tenant_id", "name", "category", "unit", "reorder_level", "created_by", "created_at")) {
            for (int i = 0; i < ingredientCount; i++) {
                int n = firstName + i;
                String[] kind = INGREDIENTS[n % INGREDIENTS.length];
                boolean catalogue = firstName == 0 && n < INGREDIENTS.length;
                String name = catalogue ? kind[0] : kind[0] + " lote " + (n / INGREDIENTS.length + 1);
                // Catalogue ingredients get the id the recipes and suppliers generators use for the same name,
                // so generated recipe lines and purchase order items name real ingredients.
                ingredients[i] = catalogue ? UUID.nameUUIDFromBytes((tenantId + "/ingredient/" + name)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) : DemoValues.randomId(random);
                copy.row(ingredients[i], tenantId, name, kind[1], kind[2], BigDecimal.valueOf(5 + random.nextInt(50)),
                        DemoValues.person(memberIds, i), now.minusDays(365 + random.nextInt(30)));
            }
            written.put("inventory.ingredients", copy.rows());
        }

        UUID[] batches = new UUID[batchCount];
        int[] ingredientOfBatch = new int[batchCount];
        try (TableCopy copy = TableCopy.into(db, "stock_batches", "id", "tenant_id", "ingredient_id", "batch_code",
                "quantity", "supplier_id", "received_on", "expires_on", "created_at")) {
            for (int i = 0; i < batchCount; i++) {
                batches[i] = DemoValues.randomId(random);
                ingredientOfBatch[i] = i % ingredientCount;
                LocalDate received = now.toLocalDate().minusDays(random.nextInt(365));
                copy.row(batches[i], tenantId, ingredients[ingredientOfBatch[i]], "L" + (100_000 + i),
                        quantity(random, 500), null, received, received.plusDays(7 + random.nextInt(180)),
                        received.atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            written.put("inventory.stock_batches", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "stock_movements", "id", "tenant_id", "ingredient_id", "batch_id",
                "movement_type", "quantity", "occurred_at", "note", "recorded_by", "created_at")) {
            for (int i = 0; i < movementCount; i++) {
                int batch = random.nextInt(batchCount);
                String type = MOVEMENTS[random.nextInt(MOVEMENTS.length)];
                OffsetDateTime at = now.minusMinutes(random.nextInt(365 * 24 * 60));
                copy.row(DemoValues.randomId(random), tenantId, ingredients[ingredientOfBatch[batch]], batches[batch], type,
                        quantity(random, type.equals("RECEIPT") ? 200 : 20), at,
                        type.equals("WASTE") ? "Caducado" : null, DemoValues.person(memberIds, i), at);
            }
            written.put("inventory.stock_movements", copy.rows());
        }
        return written;
    }

    private static BigDecimal quantity(SplittableRandom random, int max) {
        return BigDecimal.valueOf(1 + random.nextInt(max * 1000)).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
    }
}
