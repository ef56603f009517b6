package com.bakeryia.orders;

import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/customers}.
 *
 * @param name         shown on orders and invoices
 * @param email        optional contact address
 * @param phone        optional contact number
 * @param customerType INDIVIDUAL (default) or BUSINESS
 * @param createdBy    only a service may set it; a user's own id is used otherwise
 */
record NewCustomer(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Size(max = 40) String phone,
        @Pattern(regexp = "INDIVIDUAL|BUSINESS", message = "must be INDIVIDUAL or BUSINESS") String customerType,
        UUID createdBy) {
}
