package com.bakeryia.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The one clock tests move by hand, in UTC. Two modes:
 *
 * <ul>
 *   <li>{@link #fixedAt(Instant)}: stands still until {@link #advance} or {@link #set} moves it, for
 *       unit tests that reason about exact instants;</li>
 *   <li>{@link #systemPlusOffset()}: system time plus an offset, for application contexts shared by
 *       many tests (workers, leases, token expiry): real time keeps moving for everything else and a
 *       test jumps past a lease or a lockout with {@link #advance} instead of waiting. This mode
 *       never runs backwards, because other tests of the same context saw the later time.</li>
 * </ul>
 */
public final class SettableClock extends Clock {

    /** Null when following the system clock. */
    private volatile Instant fixed;
    private volatile Duration offset = Duration.ZERO;

    private SettableClock(Instant fixed) {
        this.fixed = fixed;
    }

    /** A clock that reads {@code start} until moved. */
    public static SettableClock fixedAt(Instant start) {
        return new SettableClock(Objects.requireNonNull(start, "start"));
    }

    /** A clock that reads the system time until advanced, then the system time plus the advance. */
    public static SettableClock systemPlusOffset() {
        return new SettableClock(null);
    }

    /** Moves the clock forward by {@code duration} (not backwards: see the class comment). */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A settable clock only moves forward, not by " + duration);
        }
        if (fixed != null) {
            fixed = fixed.plus(duration);
        } else {
            offset = offset.plus(duration);
        }
    }

    /**
     * Makes the clock read {@code instant} now. A fixed clock may be set anywhere; one that follows
     * the system clock only forward, and keeps moving from there.
     */
    public synchronized void set(Instant instant) {
        if (fixed != null) {
            fixed = instant;
            return;
        }
        Duration jump = Duration.between(instant(), instant);
        if (jump.isNegative()) {
            throw new IllegalArgumentException("A clock following the system time cannot be set back to " + instant);
        }
        offset = offset.plus(jump);
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
