package com.bakeryia.orders;

import java.util.Set;

/** Where a customer order is; each status lists the ones it may move to. */
enum OrderStatus {
    PENDING, CONFIRMED, IN_PRODUCTION, READY, DELIVERED, CANCELLED;

    /** Forward only; an order can be cancelled until it is in production. Delivered and cancelled are final. */
    Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> Set.of(IN_PRODUCTION, CANCELLED);
            case IN_PRODUCTION -> Set.of(READY);
            case READY -> Set.of(DELIVERED);
            case DELIVERED, CANCELLED -> Set.of();
        };
    }
}
