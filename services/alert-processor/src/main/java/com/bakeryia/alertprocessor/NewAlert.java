package com.bakeryia.alertprocessor;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/alerts}: raises an OPEN alert.
 *
 * @param ruleId   the rule that fired, a rule of the same tenant; omitted for a manual alert
 * @param severity INFO, WARNING or CRITICAL
 * @param title    short summary
 * @param message  details, optional
 */
record NewAlert(
        UUID ruleId,
        @NotBlank @Pattern(regexp = "INFO|WARNING|CRITICAL", message = "must be INFO, WARNING or CRITICAL")
        String severity,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 4000) String message) {
}
