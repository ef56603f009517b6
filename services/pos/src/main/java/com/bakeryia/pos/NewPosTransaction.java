package com.bakeryia.pos;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/pos-transactions}: a transaction with its
 * items, written in one transaction.
 *
 * @param sessionId        an OPEN session of the same tenant
 * @param transactionType  SALE (default), REFUND or VOID
 * @param paymentMethod    CASH, CARD, MOBILE or OTHER
 * @param taxAmount        tax included in the total, default 0
 * @param occurredAt       when it was rung up; now when omitted
 * @param items            1 to 200 lines
 * @param createdBy        only a service may set it; a user's own id is used otherwise
 */
record NewPosTransaction(
        @NotNull UUID sessionId,
        @Pattern(regexp = "SALE|REFUND|VOID", message = "must be SALE, REFUND or VOID") String transactionType,
        @NotBlank @Pattern(regexp = "CASH|CARD|MOBILE|OTHER", message = "must be CASH, CARD, MOBILE or OTHER")
        String paymentMethod,
        @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal taxAmount,
        OffsetDateTime occurredAt,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Item> items,
        UUID createdBy) {

    /**
     * One line of the transaction.
     *
     * @param productId   the product (a recipe or catalogue id in another service), optional
     * @param productName what was sold
     * @param quantity    units, at least 1
     * @param unitPrice   price per unit
     */
    @Schema(name = "NewPosTransactionItem")
    record Item(
            UUID productId,
            @NotBlank @Size(max = 200) String productName,
            @NotNull @Positive @Max(100_000) Integer quantity,
            @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {
    }
}
