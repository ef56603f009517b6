package com.bakeryia.pos;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/pos-configurations}: one till.
 *
 * @param name         how staff call the till
 * @param provider     SQUARE, TOAST, LIGHTSPEED or GENERIC
 * @param locationName the shop it stands in, optional
 * @param createdBy    only a service may set it; a user's own id is used otherwise
 */
record NewPosConfiguration(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "SQUARE|TOAST|LIGHTSPEED|GENERIC",
                message = "must be SQUARE, TOAST, LIGHTSPEED or GENERIC") String provider,
        @Size(max = 200) String locationName,
        UUID createdBy) {
}
