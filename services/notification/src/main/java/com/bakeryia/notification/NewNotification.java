package com.bakeryia.notification;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/notifications}: one message to one or more
 * members of the tenant, written as one notification per recipient in one transaction.
 *
 * @param recipientUserIds 1 to 500 members of the tenant
 * @param channel          EMAIL, SMS, PUSH or IN_APP
 * @param category         ORDERS, INVENTORY, PRODUCTION, FORECASTS, ALERTS or ACCOUNT
 * @param subject          short title
 * @param body             the message
 */
record NewNotification(
        @NotEmpty @Size(max = 500) List<@NotNull UUID> recipientUserIds,
        @NotBlank @Pattern(regexp = "EMAIL|SMS|PUSH|IN_APP", message = "must be EMAIL, SMS, PUSH or IN_APP")
        String channel,
        @NotBlank @Pattern(regexp = "ORDERS|INVENTORY|PRODUCTION|FORECASTS|ALERTS|ACCOUNT",
                message = "must be ORDERS, INVENTORY, PRODUCTION, FORECASTS, ALERTS or ACCOUNT") String category,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 4000) String body) {
}
