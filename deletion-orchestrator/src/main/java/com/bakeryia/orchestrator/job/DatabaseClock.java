package com.bakeryia.orchestrator.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job store's time: the database's {@code clock_timestamp()}, not this JVM's clock. Leases,
 * heartbeats, due and retry times, grace windows and the automatic retry of FAILED jobs are all
 * decided by it, so replicas whose JVM clocks disagree (one running minutes ahead) still agree on
 * when a lease has expired or a window has ended: they all read one clock, the database's.
 *
 * <p>Reading the database for every instant would cost a round trip each; instead the clock reads
 * the database's time every {@link #RESYNC} (and at its first use) and in between adds the time
 * elapsed on this JVM's monotonic counter ({@link System#nanoTime}), which does not follow the wall
 * clock's setting, so a JVM clock set ahead or stepped by NTP changes nothing. The error is the
 * counter's drift over the interval plus half the round trip of the read: well under a
 * millisecond, against leases of seconds. When the database does not answer a resync, the last
 * reading goes on (every decision then fails at the database anyway); before any reading there is
 * no time to give, and {@link #now} throws.
 *
 * <p>Tests move time through one seam, a {@link Shift} bean added to the database's time (the
 * settable clock's offset); production defines none, so the shift is zero.
 */
public final class DatabaseClock {

    /** How often the database's time is read again. */
    public static final Duration RESYNC = Duration.ofSeconds(10);

    /** A test's shift of the database's time (a settable clock's offset); none in production. */
    @FunctionalInterface
    public interface Shift {

        Shift NONE = () -> Duration.ZERO;

        Duration shift();
    }

    private record Reading(Instant database, long nanos) {
    }

    private final JdbcTemplate jdbc;
    private final Shift shift;
    private volatile Reading last;

    public DatabaseClock(JdbcTemplate jdbc, Shift shift) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.shift = Objects.requireNonNull(shift, "shift");
    }

    /** The database's time now (plus a test's shift). */
    public Instant now() {
        Reading reading = last;
        long nanos = System.nanoTime();
        if (reading == null || nanos - reading.nanos() > RESYNC.toNanos()) {
            reading = read(reading);
            nanos = System.nanoTime();
        }
        return reading.database().plusNanos(nanos - reading.nanos()).plus(shift.shift());
    }

    /** This clock as a {@link Clock}, in UTC, for the classes that take one. */
    public Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return now();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("The job store's clock is in UTC");
            }
        };
    }

    private synchronized Reading read(Reading before) {
        Reading current = last;
        if (current != before && current != null) {
            return current; // another thread read it meanwhile
        }
        try {
            long sent = System.nanoTime();
            OffsetDateTime database = jdbc.queryForObject("select clock_timestamp()", OffsetDateTime.class);
            long received = System.nanoTime();
            // The database read its clock somewhere in the round trip: its middle, on our counter.
            Reading reading = new Reading(Objects.requireNonNull(database).toInstant(), sent + (received - sent) / 2);
            last = reading;
            return reading;
        } catch (RuntimeException e) {
            if (current != null) {
                return current;
            }
            throw e;
        }
    }
}
