package com.bakeryia.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/orders}: an order with its items, written in
 * one transaction.
 *
 * @param customerId   a customer of the same tenant
 * @param deliveryDate when the customer collects or receives the order
 * @param notes        free text for the bakery
 * @param items        1 to 200 lines
 * @param createdBy    only a service may set it; a user's own id is used otherwise
 */
record NewOrder(
        @NotNull UUID customerId,
        @NotNull LocalDate deliveryDate,
        @Size(max = 2000) String notes,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Item> items,
        UUID createdBy) {

    /**
     * One line of an order.
     *
     * @param productId   the product (a recipe or catalogue id in another service), optional
     * @param productName what the customer ordered
     * @param quantity    units, at least 1
     * @param unitPrice   price per unit, in the tenant's currency
     */
    @Schema(name = "NewOrderItem")
    record Item(
            UUID productId,
            @NotBlank @Size(max = 200) String productName,
            @NotNull @Positive @Max(100_000) Integer quantity,
            @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {
    }
}
