package com.bakeryia.recipes;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/recipes}: a recipe with its ingredient lines
 * and instructions, written in one transaction.
 *
 * @param name          unique within the tenant
 * @param category      BREAD, PASTRY, CAKE, COOKIE, SAVORY or OTHER
 * @param yieldQuantity how much one run of the recipe makes
 * @param yieldUnit     UNIT, KG, G, L or ML
 * @param prepMinutes   hands-on time
 * @param bakeMinutes   oven time
 * @param ingredients   1 to 100 lines, in the order given
 * @param instructions  up to 50 steps, numbered in the order given
 * @param createdBy     only a service may set it; a user's own id is used otherwise
 */
record NewRecipe(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "BREAD|PASTRY|CAKE|COOKIE|SAVORY|OTHER",
                message = "must be one of BREAD|PASTRY|CAKE|COOKIE|SAVORY|OTHER") String category,
        @NotNull @Positive @Digits(integer = 9, fraction = 3) BigDecimal yieldQuantity,
        @NotNull @Pattern(regexp = UNITS, message = "must be one of " + UNITS) String yieldUnit,
        @PositiveOrZero @Max(10_000) Integer prepMinutes,
        @PositiveOrZero @Max(10_000) Integer bakeMinutes,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid Ingredient> ingredients,
        @Size(max = 50) List<@NotBlank @Size(max = 2000) String> instructions,
        UUID createdBy) {

    static final String UNITS = "KG|G|L|ML|UNIT";

    /**
     * One ingredient line.
     *
     * @param ingredientId the inventory ingredient
     * @param quantity     how much, positive
     * @param unit         KG, G, L, ML or UNIT
     */
    @Schema(name = "NewRecipeIngredient")
    record Ingredient(
            @NotNull UUID ingredientId,
            @NotNull @Positive @Digits(integer = 9, fraction = 3) BigDecimal quantity,
            @NotNull @Pattern(regexp = UNITS, message = "must be one of " + UNITS) String unit) {
    }
}
