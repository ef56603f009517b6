package com.bakeryia.suppliers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/purchase-orders}: an order to a supplier with
 * its items, written in one transaction as a DRAFT.
 *
 * @param supplierId a supplier of the same tenant
 * @param expectedOn the day the delivery is expected
 * @param notes      free text for the supplier
 * @param items      1 to 200 lines
 * @param createdBy  only a service may set it; a user's own id is used otherwise
 */
record NewPurchaseOrder(
        @NotNull UUID supplierId,
        @NotNull LocalDate expectedOn,
        @Size(max = 2000) String notes,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Item> items,
        UUID createdBy) {

    /**
     * One line.
     *
     * @param ingredientId the inventory ingredient
     * @param quantity     how much, positive
     * @param unit         KG, G, L, ML or UNIT
     * @param unitPrice    agreed price per unit
     */
    @Schema(name = "NewPurchaseOrderItem")
    record Item(
            @NotNull UUID ingredientId,
            @NotNull @Positive @Digits(integer = 11, fraction = 3) BigDecimal quantity,
            @NotNull @Pattern(regexp = "KG|G|L|ML|UNIT", message = "must be one of KG|G|L|ML|UNIT") String unit,
            @NotNull @PositiveOrZero @Digits(integer = 8, fraction = 4) BigDecimal unitPrice) {
    }
}
