package com.bakeryia.suppliers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A purchase order with its items, as the API shows it. */
record PurchaseOrderView(UUID id, UUID tenantId, UUID supplierId, String status, LocalDate expectedOn,
                         BigDecimal totalAmount, String notes, UUID createdBy, UUID approvedBy, OffsetDateTime createdAt,
                         List<Item> items) {

    PurchaseOrderView withItems(List<Item> items) {
        return new PurchaseOrderView(id, tenantId, supplierId, status, expectedOn, totalAmount, notes, createdBy,
                approvedBy, createdAt, List.copyOf(items));
    }

    /** One line. */
    @Schema(name = "PurchaseOrderItem")
    record Item(UUID id, UUID ingredientId, BigDecimal quantity, String unit, BigDecimal unitPrice) {
    }
}
