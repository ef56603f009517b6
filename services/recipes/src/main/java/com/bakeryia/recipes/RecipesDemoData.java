package com.bakeryia.recipes;

import java.math.BigDecimal;
import java.time.Clock;
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
 * The recipes service's share of generated data (about 3% of a size's rows): recipes, about five
 * ingredient lines and four steps each, written with COPY. Ingredient ids are stable per tenant and
 * ingredient name, as the inventory service would hold them. The author column names the given
 * members in turn, or nobody when there are none.
 */
@Component
class RecipesDemoData implements DemoDataContributor {

    /** Name, category, yield quantity, yield unit. */
    private static final String[][] RECIPES = {
            {"Baguette tradicional", "BREAD", "20", "UNIT"}, {"Croissant de mantequilla", "PASTRY", "36", "UNIT"},
            {"Pan de centeno", "BREAD", "8", "UNIT"}, {"Tarta de manzana", "CAKE", "4", "UNIT"},
            {"Magdalenas", "PASTRY", "48", "UNIT"}, {"Galletas de almendra", "COOKIE", "2", "KG"},
            {"Empanada gallega", "SAVORY", "3", "UNIT"}, {"Bizcocho de chocolate", "CAKE", "6", "UNIT"},
            {"Pan integral", "BREAD", "10", "UNIT"}, {"Napolitana de chocolate", "PASTRY", "30", "UNIT"}};
    private static final String[] INGREDIENTS = {"Harina de trigo T55", "Harina de centeno", "Harina integral",
            "Mantequilla", "Leche entera", "Huevos", "Azucar", "Levadura fresca", "Sal", "Chocolate negro",
            "Almendras", "Manzanas", "Nata", "Canela", "Aceite de oliva"};
    private static final String[] UNITS = {"G", "G", "KG", "G", "L", "UNIT", "G", "G", "G", "G", "G", "KG", "ML", "G", "ML"};
    private static final String[] STEPS = {"Mezclar los ingredientes secos.", "Incorporar los liquidos y amasar 10 minutos.",
            "Dejar fermentar 90 minutos a 24 grados.", "Formar las piezas.", "Hornear a 220 grados.",
            "Enfriar sobre rejilla antes de servir."};

    private final ServiceDatabase db;
    private final Clock clock;

    RecipesDemoData(@Qualifier("recipes") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "recipes";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        SplittableRandom random = new SplittableRandom();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int recipeCount = size.share(0.003);
        int linesPerRecipe = Math.min(INGREDIENTS.length, Math.max(1, size.share(0.015) / recipeCount));
        int stepsPerRecipe = Math.min(STEPS.length, Math.max(1, size.share(0.012) / recipeCount));
        UUID[] ingredientIds = new UUID[INGREDIENTS.length];
        for (int i = 0; i < ingredientIds.length; i++) {
            ingredientIds[i] = UUID.nameUUIDFromBytes((tenantId + "/ingredient/" + INGREDIENTS[i])
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, Long> written = new LinkedHashMap<>();

        UUID[] recipes = new UUID[recipeCount];
        int firstName = (int) DemoValues.existingRows(db, "recipes", tenantId);
        OffsetDateTime[] createdAt = new OffsetDateTime[recipeCount];
        try (TableCopy copy = TableCopy.into(db, "recipes", "id", "tenant_id", "name", "category", "yield_quantity",
                "yield_unit", "prep_minutes", "bake_minutes", "created_by", "created_at")) {
            for (int i = 0; i < recipeCount; i++) {
                recipes[i] = DemoValues.randomId(random);
                createdAt[i] = now.minusDays(random.nextInt(365));
                int n = firstName + i;
                String[] kind = RECIPES[n % RECIPES.length];
                String name = firstName == 0 && n < RECIPES.length ? kind[0] : kind[0] + " variante " + (n / RECIPES.length + 1);
                copy.row(recipes[i], tenantId, name, kind[1], new BigDecimal(kind[2]), kind[3], 10 + random.nextInt(50),
                        15 + random.nextInt(45), DemoValues.person(memberIds, i), createdAt[i]);
            }
            written.put("recipes.recipes", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "recipe_ingredients", "id", "tenant_id", "recipe_id", "ingredient_id",
                "quantity", "unit", "position", "created_at")) {
            for (int r = 0; r < recipeCount; r++) {
                int first = random.nextInt(INGREDIENTS.length);
                for (int line = 0; line < linesPerRecipe; line++) {
                    int ingredient = (first + line) % INGREDIENTS.length;
                    copy.row(DemoValues.randomId(random), tenantId, recipes[r], ingredientIds[ingredient],
                            BigDecimal.valueOf(1 + random.nextInt(1000)), UNITS[ingredient], line + 1, createdAt[r]);
                }
            }
            written.put("recipes.recipe_ingredients", copy.rows());
        }

        try (TableCopy copy = TableCopy.into(db, "recipe_instructions", "id", "tenant_id", "recipe_id", "step_number",
                "instruction", "created_at")) {
            for (int r = 0; r < recipeCount; r++) {
                for (int step = 0; step < stepsPerRecipe; step++) {
                    copy.row(DemoValues.randomId(random), tenantId, recipes[r], step + 1, STEPS[step], createdAt[r]);
                }
            }
            written.put("recipes.recipe_instructions", copy.rows());
        }
        return written;
    }
}
