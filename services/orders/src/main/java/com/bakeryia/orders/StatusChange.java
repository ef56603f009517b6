package com.bakeryia.orders;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/v1/tenants/{tenant_id}/orders/{order_id}/status}.
 *
 * @param status    the status to move to; it must be reachable from the current one
 * @param changedBy only a service may set it; a user's own id is used otherwise
 */
@Schema(name = "OrderStatusChange")
record StatusChange(@NotNull OrderStatus status, UUID changedBy) {
}
