package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stock movement as the API shows it. */
record StockMovementView(UUID id, UUID tenantId, UUID ingredientId, UUID batchId, String movementType,
                         BigDecimal quantity, OffsetDateTime occurredAt, String note, UUID recordedBy,
                         OffsetDateTime createdAt) {
}
