package com.bakeryia.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * System time plus a settable offset, shared by every test context of the JVM, so a test can jump
 * past a lease or a backoff without waiting while real time keeps moving for everything else.
 */
final class TestClock extends Clock {

    static final TestClock INSTANCE = new TestClock();

    private volatile Duration offset = Duration.ZERO;

    private TestClock() {
    }

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
