package com.bakeryia.recipes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A recipe with its ingredient lines and instructions, as the API shows it. */
record RecipeView(UUID id, UUID tenantId, String name, String category, BigDecimal yieldQuantity, String yieldUnit,
                  Integer prepMinutes, Integer bakeMinutes, UUID createdBy, OffsetDateTime createdAt,
                  List<Ingredient> ingredients, List<Instruction> instructions) {

    RecipeView with(List<Ingredient> ingredients, List<Instruction> instructions) {
        return new RecipeView(id, tenantId, name, category, yieldQuantity, yieldUnit, prepMinutes, bakeMinutes,
                createdBy, createdAt, List.copyOf(ingredients), List.copyOf(instructions));
    }

    /** One ingredient line. */
    @Schema(name = "RecipeIngredient")
    record Ingredient(UUID ingredientId, BigDecimal quantity, String unit, int position) {
    }

    /** One step. */
    @Schema(name = "RecipeInstruction")
    record Instruction(int stepNumber, String instruction) {
    }
}
