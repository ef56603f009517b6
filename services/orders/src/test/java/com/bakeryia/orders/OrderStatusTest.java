package com.bakeryia.orders;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStatusTest {

    @Test
    void ordersMoveForwardOnlyAndCanBeCancelledUntilInProduction() {
        assertThat(OrderStatus.PENDING.next()).containsExactlyInAnyOrder(OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
        assertThat(OrderStatus.CONFIRMED.next()).containsExactlyInAnyOrder(OrderStatus.IN_PRODUCTION, OrderStatus.CANCELLED);
        assertThat(OrderStatus.IN_PRODUCTION.next()).containsExactly(OrderStatus.READY);
        assertThat(OrderStatus.READY.next()).containsExactly(OrderStatus.DELIVERED);
    }

    @Test
    void deliveredAndCancelledAreFinal() {
        assertThat(OrderStatus.DELIVERED.next()).isEmpty();
        assertThat(OrderStatus.CANCELLED.next()).isEmpty();
    }

    @Test
    void noStatusLeadsBackToItselfOrToPending() {
        for (OrderStatus status : EnumSet.allOf(OrderStatus.class)) {
            assertThat(status.next()).doesNotContain(status, OrderStatus.PENDING);
        }
    }
}
