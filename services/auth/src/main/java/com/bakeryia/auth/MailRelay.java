package com.bakeryia.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Sends the outbox's due mails, on a thread of its own, every {@code bakery.mail.poll-interval}:
 * claims a batch (committed, with a lease), hands each mail to the transport, and marks it sent
 * only once the transport accepted it. A mail the transport refused is tried again after a
 * backoff (30 s, doubling, at most an hour), for as long as it takes; a relay that crashed
 * mid-send leaves its claim to lapse, and the mail is tried again with the same Message-ID.
 * Every replica of auth runs one; they share the outbox without sending a mail twice at once.
 */
final class MailRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final MailOutbox outbox;
    private final MailTransport transport;
    private final MailProperties properties;
    private ScheduledExecutorService scheduler;

    MailRelay(MailOutbox outbox, MailTransport transport, MailProperties properties) {
        this.outbox = outbox;
        this.transport = transport;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        log.info("Mail relay sends the platform's mails to {}", transport.describe());
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mail-relay");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sendDueSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void sendDueSafely() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll tries again.
            log.warn("Mail relay: could not read the outbox: {}", e.toString());
        }
    }

    /** One poll: every due mail of one batch, each sent and marked, or left to be tried again. */
    void sendDue() {
        List<OutgoingMail> due = outbox.claimDue(properties.batchSize(), properties.lease());
        for (OutgoingMail mail : due) {
            if (Thread.currentThread().isInterrupted()) {
                return; // Shutting down: the claims lapse and another poll sends them.
            }
            try {
                transport.deliver(mail);
            } catch (Exception e) {
                Duration retry = retryAfter(mail.attempt());
                log.warn("Mail {} (attempt {}) not accepted by {}: {}; trying again in {}", mail.messageId(),
                        mail.attempt(), transport.describe(), e.toString(), retry);
                outbox.markFailed(mail.id(), e.toString(), retry);
                continue;
            }
            outbox.markSent(mail.id());
            log.info("Mail {} \"{}\" sent", mail.messageId(), mail.subject());
        }
    }

    /** 30 s after the first failed attempt, doubling with each, at most an hour. */
    static Duration retryAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 7);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
