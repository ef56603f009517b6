package com.bakeryia.production;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A production batch as the API shows it. */
record ProductionBatchView(UUID id, UUID tenantId, UUID scheduleId, UUID equipmentId, UUID recipeId, String productName,
                           int plannedQuantity, Integer actualQuantity, String status, OffsetDateTime plannedStart,
                           UUID assignedTo, UUID createdBy, OffsetDateTime createdAt) {
}
