package com.bakeryia.pos;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A POS transaction with its items, as the API shows it. */
record PosTransactionView(UUID id, UUID tenantId, UUID sessionId, String transactionType, String paymentMethod,
                          BigDecimal totalAmount, BigDecimal taxAmount, OffsetDateTime occurredAt, UUID createdBy,
                          List<Item> items) {

    /** One line of the transaction. */
    @Schema(name = "PosTransactionItem")
    record Item(UUID id, UUID productId, String productName, int quantity, BigDecimal unitPrice) {
    }
}
