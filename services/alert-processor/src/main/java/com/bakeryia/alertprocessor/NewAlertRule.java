package com.bakeryia.alertprocessor;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/alert-rules}.
 *
 * @param name      shown on the alerts the rule raises
 * @param metric    what is watched, for example {@code inventory.stock_level}
 * @param operator  GT, GTE, LT, LTE or EQ: how the metric is compared with the threshold
 * @param threshold the value compared against
 * @param severity  INFO, WARNING or CRITICAL
 * @param createdBy only a service may set it; a user's own id is used otherwise
 */
record NewAlertRule(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9_.]{0,99}", message = "must be a lower-case dotted metric name")
        String metric,
        @NotBlank @Pattern(regexp = "GT|GTE|LT|LTE|EQ", message = "must be GT, GTE, LT, LTE or EQ") String operator,
        @NotNull @Digits(integer = 10, fraction = 4) BigDecimal threshold,
        @NotBlank @Pattern(regexp = "INFO|WARNING|CRITICAL", message = "must be INFO, WARNING or CRITICAL")
        String severity,
        UUID createdBy) {
}
