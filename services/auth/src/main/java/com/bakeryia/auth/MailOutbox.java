package com.bakeryia.auth;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/**
 * The durable outbox of the platform's mails ({@code auth.mail_outbox}). A mail is queued in the
 * transaction of the change it tells of, so it exists exactly when the change committed; the relay
 * ({@link MailRelay}) claims due mails for a lease, sends them, and marks them sent. Times are the
 * database's {@code now()}, so every replica of auth agrees on what is due.
 */
@Repository
class MailOutbox {

    /** Longest error text kept of a failed attempt (an SMTP server's reply can be long). */
    private static final int MAX_ERROR_LENGTH = 500;

    private final ServiceDatabase db;

    MailOutbox(@Qualifier("auth") ServiceDatabase db) {
        this.db = db;
    }

    /**
     * Queues the mail in the caller's transaction, if there is one.
     *
     * @return false when a mail with its dedup key was queued before (nothing is added)
     */
    boolean queue(Mail mail) {
        return db.jdbc().update("insert into auth.mail_outbox (id, dedup_key, recipient_user_id, recipient_email, subject, body)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (dedup_key) do nothing",
                UUID.randomUUID(), mail.dedupKey(), mail.recipientUserId(), mail.to(), mail.subject(), mail.body()) == 1;
    }

    /**
     * Claims up to {@code limit} due mails for {@code lease}: unsent, due, and not claimed by a relay
     * whose lease still runs (one that crashed mid-send lets its claim lapse). Rows another relay is
     * claiming right now are skipped, not waited for. One statement, committed before any is sent,
     * so no row lock is held while an SMTP server answers.
     */
    List<OutgoingMail> claimDue(int limit, Duration lease) {
        return db.jdbc().query("update auth.mail_outbox m set claimed_until = now() + make_interval(secs => ?),"
                        + " attempts = attempts + 1"
                        + " where m.id in (select id from auth.mail_outbox where sent_at is null and next_attempt_at <= now()"
                        + " and (claimed_until is null or claimed_until < now()) order by next_attempt_at limit ?"
                        + " for update skip locked)"
                        + " returning m.id, m.recipient_email, m.subject, m.body, m.created_at, m.attempts",
                (row, n) -> new OutgoingMail(row.getObject("id", UUID.class), row.getString("recipient_email"),
                        row.getString("subject"), row.getString("body"), row.getTimestamp("created_at").toInstant(),
                        row.getInt("attempts")),
                (double) lease.toSeconds(), limit);
    }

    /**
     * Marks the mail sent, once its SMTP server accepted it (or its file was written), and forgets
     * the address, the body and the account it was about: a sent mail keeps no personal data here.
     */
    void markSent(UUID id) {
        db.jdbc().update("update auth.mail_outbox set sent_at = now(), claimed_until = null, recipient_email = null,"
                + " body = null, recipient_user_id = null, last_error = null where id = ? and sent_at is null", id);
    }

    /** Leaves the mail unsent, to be tried again after {@code retryAfter}. */
    void markFailed(UUID id, String error, Duration retryAfter) {
        String kept = error == null ? "unknown error" : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        db.jdbc().update("update auth.mail_outbox set claimed_until = null, last_error = ?,"
                + " next_attempt_at = now() + make_interval(secs => ?) where id = ? and sent_at is null",
                kept, (double) retryAfter.toSeconds(), id);
    }
}
