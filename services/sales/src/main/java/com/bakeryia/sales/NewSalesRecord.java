package com.bakeryia.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/sales-records}: what one product sold on one
 * day through one channel. Revenue is quantity times unit price.
 *
 * @param productId    the product (recipe or catalogue id in another service)
 * @param productName  the name it was sold under
 * @param saleDate     the day
 * @param channel      STORE, ONLINE, WHOLESALE or DELIVERY_APP
 * @param quantitySold units sold, zero or more
 * @param unitPrice    price per unit
 * @param recordedBy   only a service may set it; a user's own id is used otherwise
 */
record NewSalesRecord(
        @NotNull UUID productId,
        @NotBlank @Size(max = 200) String productName,
        @NotNull LocalDate saleDate,
        @NotNull @Pattern(regexp = SalesRecords.CHANNELS, message = "must be one of " + SalesRecords.CHANNELS) String channel,
        @NotNull @PositiveOrZero @Max(10_000_000) Integer quantitySold,
        @NotNull @PositiveOrZero @Digits(integer = 8, fraction = 2) BigDecimal unitPrice,
        UUID recordedBy) {
}
