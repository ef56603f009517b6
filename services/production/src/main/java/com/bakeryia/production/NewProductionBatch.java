package com.bakeryia.production;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/production-batches}: a planned batch.
 *
 * @param recipeId        the recipe (recipes service id), optional
 * @param productName     what the batch makes
 * @param plannedQuantity units planned, at least 1
 * @param plannedStart    when it should start
 * @param equipmentId     equipment of the same tenant, optional
 * @param scheduleId      schedule of the same tenant, optional
 * @param assignedTo      the baker responsible, optional
 * @param createdBy       only a service may set it; a user's own id is used otherwise
 */
record NewProductionBatch(
        UUID recipeId,
        @NotBlank @Size(max = 200) String productName,
        @NotNull @Positive @Max(1_000_000) Integer plannedQuantity,
        @NotNull OffsetDateTime plannedStart,
        UUID equipmentId,
        UUID scheduleId,
        UUID assignedTo,
        UUID createdBy) {
}
