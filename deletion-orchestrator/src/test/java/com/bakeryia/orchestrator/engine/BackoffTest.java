package com.bakeryia.orchestrator.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.5);

    @Test
    void doublesTheWaitPerAttemptUpToTheCap() {
        assertThat(backoff.after(1, () -> 0.999999)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        assertThat(backoff.after(2, () -> 0.999999)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
        assertThat(backoff.after(3, () -> 0.999999)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
        assertThat(backoff.after(10, () -> 0.999999)).isBetween(Duration.ofMillis(29999), Duration.ofSeconds(30));
        assertThat(backoff.after(1000, () -> 0.999999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesAtMostItsFractionOffTheWait() {
        assertThat(backoff.after(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0).after(2, () -> 0.0))
                .isEqualTo(Duration.ofSeconds(4));
    }
}
