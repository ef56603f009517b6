package com.bakeryia.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A customer order with its items, as the API shows it. */
record OrderView(UUID id, UUID tenantId, UUID customerId, String status, LocalDate deliveryDate,
                 BigDecimal totalAmount, String notes, UUID createdBy, OffsetDateTime createdAt, List<Item> items) {

    /** One line of the order. */
    @Schema(name = "OrderItem")
    record Item(UUID id, UUID productId, String productName, int quantity, BigDecimal unitPrice) {
    }
}
