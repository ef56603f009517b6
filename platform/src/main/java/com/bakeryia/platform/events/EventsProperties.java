package com.bakeryia.platform.events;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event relays under {@code bakery.events.*}.
 *
 * @param brokerUrl          the RabbitMQ broker, {@code amqp://user:password@host:port/vhost}; empty (the default, as
 *                           on the embedded platform): no broker, every outbox keeps its events and its relay stays
 *                           idle, which start-up says. Events written meanwhile are published once a broker is set
 * @param exchange           the topic exchange every event goes to, declared durable by the relay; its routing key
 *                           is the event type ({@code tenant.deletion.completed}); default {@code bakery.deletion}
 * @param pollInterval       how often a relay looks for due events; default 1 s
 * @param batchSize          events one poll publishes at most; default 100
 * @param confirmTimeout     how long a relay waits for the broker's confirm of a message before it counts as
 *                           failed; default 10 s
 * @param claimTimeout       how long an event a relay took stays its own; a relay that died with it (published or
 *                           not) leaves it to be published again after this, so a consumer may see a message id
 *                           twice and deduplicates on it; default 60 s, well above the confirm timeout
 * @param maxAttempts        publications of one event (each a nack, an unroutable return, a timeout or a broker
 *                           down) before it is dead-lettered; default 15, which with the backoff below spans about
 *                           a day
 * @param initialBackoff     wait after the first failure; doubles per failure; default 1 s
 * @param maxBackoff         upper bound of the wait between attempts; default 2 h
 * @param jitter             fraction of each wait that is random (0 to 1); default 0.5
 * @param deliveredRetention how long a confirmed event stays in the outbox (and in a pull feed that reads it) before
 *                           it is pruned; default 7 days
 * @param pruneInterval      how often a relay prunes confirmed events older than the retention; default 1 h
 */
@ConfigurationProperties("bakery.events")
public record EventsProperties(
        URI brokerUrl,
        @DefaultValue("bakery.deletion") String exchange,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("60s") Duration claimTimeout,
        @DefaultValue("15") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("2h") Duration maxBackoff,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("7d") Duration deliveredRetention,
        @DefaultValue("1h") Duration pruneInterval) {

    public EventsProperties {
        require(exchange != null && !exchange.isBlank(), "exchange must not be empty");
        require(batchSize >= 1, "batch-size must be at least 1");
        require(maxAttempts >= 1, "max-attempts must be at least 1");
        require(positive(pollInterval) && positive(confirmTimeout) && positive(initialBackoff)
                && positive(pruneInterval), "poll-interval, confirm-timeout, initial-backoff and prune-interval must be positive");
        require(claimTimeout.compareTo(confirmTimeout) > 0, "claim-timeout must exceed confirm-timeout");
        require(maxBackoff.compareTo(initialBackoff) >= 0, "max-backoff must not be below initial-backoff");
        require(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1");
        require(!deliveredRetention.isNegative(), "delivered-retention must not be negative");
        if (brokerUrl != null && brokerUrl.toString().isBlank()) {
            brokerUrl = null;
        }
    }

    /** Whether a broker is configured, so relays publish. */
    public boolean brokerConfigured() {
        return brokerUrl != null;
    }

    /** The wait after the {@code failures}-th failure, before jitter: {@code min(max, initial * 2^(failures-1))}. */
    Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("bakery.events: " + message);
        }
    }
}
