package com.bakeryia.auth;

import java.util.UUID;

/**
 * A mail to queue: what one event tells one person.
 *
 * @param dedupKey        names the event and the reader ({@code verify-email:<token id>}): queueing
 *                        the same key again adds nothing, so a retried request mails once
 * @param recipientUserId the account the mail is about, or null when the address has none
 * @param to              the address it goes to
 * @param subject         the subject line: names no person and carries no secret
 * @param body            the plain-text body
 */
record Mail(String dedupKey, UUID recipientUserId, String to, String subject, String body) {
}
