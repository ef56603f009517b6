package com.bakeryia.platform.deletion;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkSizingTest {

    private static final long MS = 1_000_000;

    private final ChunkSizing sizing = new ChunkSizing(1000, 50_000, Duration.ofMillis(100));

    @Test
    void aQuickChunkAtMostDoublesTheNext() {
        assertThat(sizing.next(1000, 1000, 10 * MS)).isEqualTo(2000);
        assertThat(sizing.next(1000, 1000, 80 * MS)).isEqualTo(1250);
    }

    @Test
    void aSlowChunkShrinksTheNextAtOnceToWhatFitsTheTarget() {
        assertThat(sizing.next(4000, 4000, 400 * MS)).isEqualTo(1000);
        assertThat(sizing.next(10, 10, 10_000 * MS)).isEqualTo(1);
    }

    @Test
    void chunksStayWithinTheBounds() {
        assertThat(sizing.next(40_000, 40_000, MS)).isEqualTo(50_000);
        assertThat(sizing.start(1_000_000)).isEqualTo(50_000);
        assertThat(sizing.start(null)).isEqualTo(100);
    }

    @Test
    void aChunkThatFoundFewerRowsThanAskedKeepsTheSize() {
        assertThat(sizing.next(1000, 10, MS)).isEqualTo(1000);
    }

    @Test
    void aZeroTargetKeepsEveryChunkAtTheFirstSize() {
        ChunkSizing fixed = ChunkSizing.fixed(3);

        assertThat(fixed.next(3, 3, MS)).isEqualTo(3);
        assertThat(fixed.next(3, 3, 10_000 * MS)).isEqualTo(3);
        assertThat(fixed.start(40)).isEqualTo(3);
    }

    @Test
    void settingsOutOfBoundsAreRefused() {
        assertThatThrownBy(() -> new ChunkSizing(0, 10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkSizing(10, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeletionProperties(10, 5, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeletionProperties(10, 50, Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrent-chunks");
    }
}
