package com.bakeryia.pos;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/pos-sessions}: a cashier opens a till.
 *
 * @param configurationId a till configuration of the same tenant
 * @param openingCash     cash in the drawer at opening
 * @param openedBy        only a service may set it; a user's own id is used otherwise
 */
record NewPosSession(
        @NotNull UUID configurationId,
        @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal openingCash,
        UUID openedBy) {
}
