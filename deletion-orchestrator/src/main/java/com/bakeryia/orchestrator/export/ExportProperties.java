package com.bakeryia.orchestrator.export;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of exports under {@code bakery.export.*}.
 *
 * @param directory         where archives (and the work files of exports under way) are written; every
 *                          replica of the orchestrator must see the same directory (shared storage), since
 *                          any of them may build an export and any may serve its download; default
 *                          {@code <bakery.data-dir>/exports}
 * @param linkValidity      how long a ready export can be downloaded; then its file is deleted and it is
 *                          EXPIRED; default 7 days
 * @param perSubjectInterval at most one export per tenant or person within this interval (a FAILED one does not
 *                          count); another request meanwhile is answered 429 with {@code Retry-After}; default 1 day
 * @param leaseDuration     how long a claimed export stays reserved without a heartbeat; a crashed worker's
 *                          export is taken over after this; default 60 s
 * @param heartbeatInterval how often a worker extends the leases of the exports it builds; default 15 s
 * @param pollInterval      how often a worker looks for queued exports; default 1 s
 * @param maxAttempts       attempts per export before it is FAILED; default 3
 * @param workerEnabled     whether this process builds exports at all (it still accepts them); default true
 */
@ConfigurationProperties("bakery.export")
public record ExportProperties(
        Path directory,
        @DefaultValue("7d") Duration linkValidity,
        @DefaultValue("1d") Duration perSubjectInterval,
        @DefaultValue("60s") Duration leaseDuration,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("true") boolean workerEnabled) {

    public ExportProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("bakery.export.max-attempts must be at least 1");
        }
        for (Duration duration : new Duration[] {linkValidity, perSubjectInterval, leaseDuration, heartbeatInterval, pollInterval}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("bakery.export durations must be positive");
            }
        }
        if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("bakery.export.heartbeat-interval must be shorter than lease-duration");
        }
    }

    /** The directory, or {@code <dataDir>/exports} when none is configured. */
    public Path directoryOr(Path dataDir) {
        return directory != null ? directory : dataDir.resolve("exports");
    }
}
