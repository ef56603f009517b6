package com.bakeryia.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stock batch as the API shows it. */
record StockBatchView(UUID id, UUID tenantId, UUID ingredientId, String batchCode, BigDecimal quantity,
                      UUID supplierId, LocalDate receivedOn, LocalDate expiresOn, OffsetDateTime createdAt) {
}
