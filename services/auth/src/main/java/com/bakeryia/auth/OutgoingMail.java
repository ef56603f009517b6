package com.bakeryia.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * A queued mail as the relay claimed it for one attempt.
 *
 * @param id        the outbox row; the Message-ID is made from it, so every attempt carries the same one
 * @param createdAt when it was queued (the mail's {@code Date:})
 * @param attempt   1 for the first attempt
 */
record OutgoingMail(UUID id, String to, String subject, String body, Instant createdAt, int attempt) {

    /** The {@code Message-ID} of every attempt of this mail. */
    String messageId() {
        return "<" + id + "@bakery-ia>";
    }
}
