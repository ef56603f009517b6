package com.bakeryia.orders;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of an order's status history. */
record StatusChangeView(UUID id, UUID orderId, String fromStatus, String toStatus, UUID changedBy,
                        OffsetDateTime changedAt) {
}
