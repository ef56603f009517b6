package com.bakeryia.suppliers;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/purchase-orders/{purchase_order_id}/deliveries}.
 *
 * @param deliveredOn the day it arrived
 * @param status      COMPLETE (the order is then RECEIVED), PARTIAL or REJECTED
 * @param notes       what was missing or wrong
 * @param receivedBy  only a service may set it; a user's own id is used otherwise
 */
record NewDelivery(
        @NotNull LocalDate deliveredOn,
        @NotNull @Pattern(regexp = "COMPLETE|PARTIAL|REJECTED", message = "must be one of COMPLETE|PARTIAL|REJECTED")
        String status,
        @Size(max = 2000) String notes,
        UUID receivedBy) {
}
