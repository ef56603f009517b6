package com.bakeryia.orders;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of an order's status history. */
@Schema(name = "OrderStatusHistoryEntry")
record StatusChangeView(UUID id, UUID orderId, String fromStatus, String toStatus, UUID changedBy,
                        OffsetDateTime changedAt) {
}
