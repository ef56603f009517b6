package com.bakeryia.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform's mails leave, under {@code bakery.mail.*}. The SMTP server itself is Spring
 * Boot's {@code spring.mail.*} ({@code spring.mail.host}, {@code .port}, {@code .username},
 * {@code .password}, {@code .properties.*}); with no {@code spring.mail.host} the mails are
 * written to {@code <data-dir>/mail} as {@code .eml} files instead.
 *
 * @param from         the sender every mail names ({@code From:})
 * @param pollInterval how often the relay looks for mails due (each poll is one indexed query)
 * @param lease        how long a claimed mail is left to the relay that claimed it: after a crash
 *                     mid-send it is tried again once this has passed
 * @param batchSize    mails one poll claims at most
 */
@ConfigurationProperties("bakery.mail")
record MailProperties(
        @DefaultValue("Bakery-IA <no-reply@bakery-ia.invalid>") String from,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("20") int batchSize) {

    MailProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("bakery.mail.poll-interval must be positive, got " + pollInterval + ".");
        }
        if (lease.toSeconds() < 1) {
            throw new IllegalArgumentException("bakery.mail.lease must be at least 1s, got " + lease + ".");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("bakery.mail.batch-size must be at least 1, got " + batchSize + ".");
        }
    }
}
