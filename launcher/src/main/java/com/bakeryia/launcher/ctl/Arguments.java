package com.bakeryia.launcher.ctl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values {@code ctl} arguments take, checked before anything is sent, so a typo is a usage
 * error (exit 2) that says what was expected, not a request the platform refuses.
 */
final class Arguments {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Arguments() {
    }

    /** A UUID in its canonical 8-4-4-4-12 form (the JDK would also take {@code 1-2-3-4-5}). */
    static final class Id implements ITypeConverter<UUID> {

        @Override
        public UUID convert(String value) {
            if (!UUID_TEXT.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not a UUID (such as 5a7f2c1e-0b7d-4a53-9d55-2f1d8a0c6e11)");
            }
            return UUID.fromString(value);
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code PT30S}); positive. */
    static final class Span implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** A new owner for an owned tenant: {@code <tenant_id>:<user_id>}, both UUIDs. */
    static final class NewOwner implements ITypeConverter<String> {

        @Override
        public String convert(String value) {
            String[] parts = value.split(":", -1);
            Id id = new Id();
            if (parts.length != 2) {
                throw new TypeConversionException("'" + value + "' is not <tenant_id>:<user_id>");
            }
            return id.convert(parts[0]) + ":" + id.convert(parts[1]);
        }
    }

    /**
     * A point in time given as an instant ({@code 2026-03-01T12:00:00Z}), a day ({@code 2026-03-01},
     * its start in UTC) or a time ago ({@code 24h}, {@code 7d}, from {@code clock}'s now).
     */
    static Instant instant(String option, String value, Clock clock) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException notAnInstant) {
            // A day, or a time ago.
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            // A time ago.
        }
        try {
            return clock.instant().minus(duration(value));
        } catch (TypeConversionException notADuration) {
            throw CtlFailure.usage(option + " '" + value + "' is neither an instant (2026-03-01T12:00:00Z), a day"
                    + " (2026-03-01) nor a time ago (24h, 7d)");
        }
    }

    static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (such as 30s, 5m, 2h or 7d)");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return duration;
    }
}
