package com.bakeryia.recipes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Recipes with their ingredient lines and instructions, in the {@code recipes} schema. */
@Component
class Recipes {

    private final ServiceDatabase db;
    private final Clock clock;

    Recipes(@Qualifier("recipes") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Writes the recipe, its lines and its steps in one transaction: all or nothing. */
    RecipeView add(UUID tenantId, NewRecipe recipe, UUID createdBy) {
        Set<UUID> seen = new HashSet<>();
        for (NewRecipe.Ingredient line : recipe.ingredients()) {
            if (!seen.add(line.ingredientId())) {
                throw ApiProblem.badRequest("Field 'ingredients': ingredient " + line.ingredientId() + " is listed twice.");
            }
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<String> steps = recipe.instructions() == null ? List.of() : recipe.instructions();
        return db.transactions().execute(status -> {
            int inserted = db.jdbc().update("""
                    insert into recipes.recipes (id, tenant_id, name, category, yield_quantity, yield_unit, prep_minutes,
                                                 bake_minutes, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, name) do nothing""",
                    id, tenantId, recipe.name(), recipe.category(), recipe.yieldQuantity(), recipe.yieldUnit(),
                    recipe.prepMinutes(), recipe.bakeMinutes(), createdBy, now);
            if (inserted == 0) {
                throw ApiProblem.conflict("Tenant " + tenantId + " already has a recipe named '" + recipe.name() + "'.");
            }
            List<RecipeView.Ingredient> lines = new ArrayList<>();
            List<Object[]> lineRows = new ArrayList<>();
            for (NewRecipe.Ingredient line : recipe.ingredients()) {
                int position = lines.size() + 1;
                lines.add(new RecipeView.Ingredient(line.ingredientId(), line.quantity(), line.unit(), position));
                lineRows.add(new Object[] {UUID.randomUUID(), tenantId, id, line.ingredientId(), line.quantity(),
                        line.unit(), position, now});
            }
            db.jdbc().batchUpdate("""
                    insert into recipes.recipe_ingredients
                        (id, tenant_id, recipe_id, ingredient_id, quantity, unit, position, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", lineRows);
            List<RecipeView.Instruction> instructions = new ArrayList<>();
            List<Object[]> stepRows = new ArrayList<>();
            for (String step : steps) {
                int number = instructions.size() + 1;
                instructions.add(new RecipeView.Instruction(number, step));
                stepRows.add(new Object[] {UUID.randomUUID(), tenantId, id, number, step, now});
            }
            if (!stepRows.isEmpty()) {
                db.jdbc().batchUpdate("""
                        insert into recipes.recipe_instructions (id, tenant_id, recipe_id, step_number, instruction, created_at)
                        values (?, ?, ?, ?, ?, ?)""", stepRows);
            }
            return new RecipeView(id, tenantId, recipe.name(), recipe.category(), recipe.yieldQuantity(),
                    recipe.yieldUnit(), recipe.prepMinutes(), recipe.bakeMinutes(), createdBy, now, lines, instructions);
        });
    }

    /** Oldest first, ties broken by id; each recipe with its lines and steps. */
    List<RecipeView> list(UUID tenantId, int limit, int offset) {
        return complete(tenantId, db.jdbc().query("""
                select * from recipes.recipes where tenant_id = ? order by created_at, id limit ? offset ?""",
                Recipes::recipe, tenantId, limit, offset));
    }

    Optional<RecipeView> find(UUID tenantId, UUID recipeId) {
        return complete(tenantId, db.jdbc().query("select * from recipes.recipes where tenant_id = ? and id = ?",
                Recipes::recipe, tenantId, recipeId)).stream().findFirst();
    }

    private List<RecipeView> complete(UUID tenantId, List<RecipeView> recipes) {
        if (recipes.isEmpty()) {
            return recipes;
        }
        Map<UUID, List<RecipeView.Ingredient>> lines = new HashMap<>();
        Map<UUID, List<RecipeView.Instruction>> steps = new HashMap<>();
        Map<String, Object> params = Map.of("tenant", tenantId, "recipes", recipes.stream().map(RecipeView::id).toList());
        db.namedJdbc().query("""
                select recipe_id, ingredient_id, quantity, unit, position from recipes.recipe_ingredients
                where tenant_id = :tenant and recipe_id in (:recipes) order by recipe_id, position""", params, row -> {
            lines.computeIfAbsent(row.getObject("recipe_id", UUID.class), key -> new ArrayList<>())
                    .add(new RecipeView.Ingredient(row.getObject("ingredient_id", UUID.class),
                            row.getBigDecimal("quantity"), row.getString("unit"), row.getInt("position")));
        });
        db.namedJdbc().query("""
                select recipe_id, step_number, instruction from recipes.recipe_instructions
                where tenant_id = :tenant and recipe_id in (:recipes) order by recipe_id, step_number""", params, row -> {
            steps.computeIfAbsent(row.getObject("recipe_id", UUID.class), key -> new ArrayList<>())
                    .add(new RecipeView.Instruction(row.getInt("step_number"), row.getString("instruction")));
        });
        return recipes.stream().map(recipe -> recipe.with(lines.getOrDefault(recipe.id(), List.of()),
                steps.getOrDefault(recipe.id(), List.of()))).toList();
    }

    private static RecipeView recipe(ResultSet row, int index) throws SQLException {
        return new RecipeView(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class),
                row.getString("name"), row.getString("category"), row.getBigDecimal("yield_quantity"),
                row.getString("yield_unit"), row.getObject("prep_minutes", Integer.class),
                row.getObject("bake_minutes", Integer.class), row.getObject("created_by", UUID.class),
                row.getObject("created_at", OffsetDateTime.class), List.of(), List.of());
    }
}
