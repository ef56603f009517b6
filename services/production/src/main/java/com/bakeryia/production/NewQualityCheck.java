package com.bakeryia.production;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/production-batches/{batch_id}/quality-checks}.
 *
 * @param checkType VISUAL, WEIGHT, TEMPERATURE, TASTE or TEXTURE
 * @param result    PASS, WARNING or FAIL
 * @param score     0 to 10, one decimal, optional
 * @param notes     free text
 * @param checkedAt when (default: now)
 * @param checkedBy only a service may set it; a user's own id is used otherwise
 */
record NewQualityCheck(
        @NotNull @Pattern(regexp = "VISUAL|WEIGHT|TEMPERATURE|TASTE|TEXTURE",
                message = "must be one of VISUAL|WEIGHT|TEMPERATURE|TASTE|TEXTURE") String checkType,
        @NotNull @Pattern(regexp = "PASS|WARNING|FAIL", message = "must be one of PASS|WARNING|FAIL") String result,
        @DecimalMin("0") @DecimalMax("10") @Digits(integer = 2, fraction = 1) BigDecimal score,
        @Size(max = 2000) String notes,
        OffsetDateTime checkedAt,
        UUID checkedBy) {
}
