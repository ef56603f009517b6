package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/ingredients}.
 *
 * @param name         unique within the tenant
 * @param category     FLOUR, DAIRY, EGGS, SUGAR, FAT, YEAST, FRUIT, NUTS, CHOCOLATE, SPICE, PACKAGING or OTHER
 * @param unit         KG, G, L, ML or UNIT: the unit of every quantity of this ingredient
 * @param reorderLevel stock below which the bakery should reorder (default 0)
 * @param createdBy    only a service may set it; a user's own id is used otherwise
 */
record NewIngredient(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = Ingredients.CATEGORIES, message = "must be one of " + Ingredients.CATEGORIES)
        String category,
        @NotNull @Pattern(regexp = "KG|G|L|ML|UNIT", message = "must be one of KG|G|L|ML|UNIT") String unit,
        @PositiveOrZero @Digits(integer = 11, fraction = 3) BigDecimal reorderLevel,
        UUID createdBy) {
}
