package com.bakeryia.suppliers;

import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/suppliers}.
 *
 * @param name         unique within the tenant
 * @param contactEmail where purchase orders go
 * @param phone        contact number
 * @param leadTimeDays days from order to delivery (default 1)
 * @param createdBy    only a service may set it; a user's own id is used otherwise
 */
record NewSupplier(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String contactEmail,
        @Size(max = 40) String phone,
        @PositiveOrZero @Max(365) Integer leadTimeDays,
        UUID createdBy) {
}
