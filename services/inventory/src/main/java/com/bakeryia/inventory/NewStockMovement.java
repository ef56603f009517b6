package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/stock-movements}.
 *
 * @param ingredientId an ingredient of the same tenant
 * @param batchId      a batch of that ingredient, optional
 * @param movementType RECEIPT, CONSUMPTION, WASTE or ADJUSTMENT: the type gives the direction
 * @param quantity     how much moved, positive, in the ingredient's unit
 * @param occurredAt   when it happened (default: now)
 * @param note         free text
 * @param recordedBy   only a service may set it; a user's own id is used otherwise
 */
record NewStockMovement(
        @NotNull UUID ingredientId,
        UUID batchId,
        @NotNull @Pattern(regexp = "RECEIPT|CONSUMPTION|WASTE|ADJUSTMENT",
                message = "must be one of RECEIPT|CONSUMPTION|WASTE|ADJUSTMENT") String movementType,
        @NotNull @Positive @Digits(integer = 11, fraction = 3) BigDecimal quantity,
        OffsetDateTime occurredAt,
        @Size(max = 500) String note,
        UUID recordedBy) {
}
