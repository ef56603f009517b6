package com.bakeryia.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes one outbox to the broker: every {@code poll-interval} it takes the due events
 * ({@link EventOutbox#claimDue}), publishes them, and marks each SENT once the broker confirmed
 * and routed it, or schedules it again after a backoff with jitter (DEAD after
 * {@code max-attempts}). Confirmed events older than {@code delivered-retention} are pruned every
 * {@code prune-interval}. With no broker configured it stays idle and says so at start-up: the
 * outbox keeps every event until one is. Any number of relays (replicas) may share an outbox.
 *
 * <p>Delivery is at least once: a relay that dies after the broker took a message but before
 * marking it SENT leaves it to be published again after {@code claim-timeout}, with the same
 * message id, on which consumers deduplicate.
 */
public final class EventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

    private final EventOutbox outbox;
    private final EventBroker broker;
    private final EventsProperties properties;
    private volatile ScheduledExecutorService executor;
    private volatile long lastPruneNanos;

    /** {@code broker} null: no broker configured, the relay stays idle. */
    public EventRelay(EventOutbox outbox, EventBroker broker, EventsProperties properties) {
        this.outbox = outbox;
        this.broker = broker;
        this.properties = properties;
    }

    public EventOutbox outbox() {
        return outbox;
    }

    /** Whether this relay publishes (a broker is configured). */
    public boolean publishing() {
        return broker != null;
    }

    @Override
    public synchronized void start() {
        if (broker == null) {
            log.info("No event broker configured (bakery.events.broker-url is empty): the {} outbox keeps its events"
                    + " and its relay stays idle", outbox.source());
            return;
        }
        if (executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-relay-" + outbox.source());
            thread.setDaemon(true);
            return thread;
        });
        lastPruneNanos = System.nanoTime();
        started.scheduleWithFixedDelay(this::pollSafely, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
        log.info("Event relay of the {} outbox publishing to exchange {} (publisher confirms, mandatory)",
                outbox.source(), properties.exchange());
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(properties.confirmTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void pollSafely() {
        try {
            while (publishDue() == properties.batchSize()) {
                // A full batch: more may be due at once.
            }
            if (System.nanoTime() - lastPruneNanos >= properties.pruneInterval().toNanos()) {
                lastPruneNanos = System.nanoTime();
                int pruned = outbox.pruneSent(properties.deliveredRetention());
                if (pruned > 0) {
                    log.info("Pruned {} confirmed event(s) older than {} from the {} outbox", pruned,
                            properties.deliveredRetention(), outbox.source());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Event relay of the {} outbox: {}", outbox.source(), e.toString());
        }
    }

    /**
     * One pass: takes the due events, publishes them and records each outcome; answers how many it
     * took. Public for tests and tools; the relay's own thread calls it every poll interval.
     */
    public int publishDue() {
        if (broker == null) {
            return 0;
        }
        List<OutboxEvent> due = outbox.claimDue(properties.batchSize(), properties.claimTimeout());
        if (due.isEmpty()) {
            return 0;
        }
        List<String> outcomes = broker.publish(outbox.source(), due);
        for (int i = 0; i < due.size(); i++) {
            OutboxEvent event = due.get(i);
            String failure = outcomes.get(i);
            if (failure == null) {
                outbox.markSent(event.sequence());
            } else if (outbox.markFailed(event.sequence(), failure, wait(event.attempts()), properties.maxAttempts())) {
                log.warn("Event {} ({} of {}) dead-lettered after {} attempt(s): {}", event.messageId(), event.type(),
                        event.subjectId(), event.attempts(), failure);
            } else {
                log.info("Event {} ({}) not published (attempt {}): {}", event.messageId(), event.type(),
                        event.attempts(), failure);
            }
        }
        return due.size();
    }

    private Duration wait(int failures) {
        Duration base = properties.backoff(failures);
        long randomPart = (long) (base.toMillis() * properties.jitter() * ThreadLocalRandom.current().nextDouble());
        return base.minusMillis((long) (base.toMillis() * properties.jitter())).plusMillis(randomPart);
    }
}
