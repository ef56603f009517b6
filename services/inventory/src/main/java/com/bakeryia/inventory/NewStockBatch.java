package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/stock-batches}: a delivery of one ingredient.
 *
 * @param ingredientId an ingredient of the same tenant
 * @param batchCode    the supplier's lot number, for recalls
 * @param quantity     how much arrived, in the ingredient's unit
 * @param supplierId   the supplier (suppliers service id), optional
 * @param receivedOn   the day it arrived
 * @param expiresOn    best-before date, not before {@code received_on}
 */
record NewStockBatch(
        @NotNull UUID ingredientId,
        @NotBlank @Size(max = 100) String batchCode,
        @NotNull @PositiveOrZero @Digits(integer = 11, fraction = 3) BigDecimal quantity,
        UUID supplierId,
        @NotNull LocalDate receivedOn,
        LocalDate expiresOn) {
}
