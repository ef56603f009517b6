package com.bakeryia.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A sales record as the API shows it. */
record SalesRecordView(UUID id, UUID tenantId, UUID productId, String productName, LocalDate saleDate, String channel,
                       int quantitySold, BigDecimal unitPrice, BigDecimal revenue, UUID recordedBy,
                       OffsetDateTime createdAt) {
}
