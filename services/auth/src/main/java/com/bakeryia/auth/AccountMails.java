package com.bakeryia.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The mails about an account's address: its verification link, and the notice to an address's
 * owner that someone tried to register it. Each is queued in the caller's transaction. No mail
 * tells its reader more than they have: the notice names no one (the person who tried is unknown),
 * the verification mail only the address it went to.
 */
@Component
class AccountMails {

    /** At most one "someone tried" notice per account in this period, however often it is tried. */
    static final Duration TAKEN_NOTICE_PERIOD = Duration.ofHours(1);

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final MailOutbox outbox;
    private final EmailVerifications verifications;
    private final AuthProperties properties;
    private final Environment environment;
    private final Clock clock;

    AccountMails(MailOutbox outbox, EmailVerifications verifications, AuthProperties properties, Environment environment,
                 Clock clock) {
        this.outbox = outbox;
        this.verifications = verifications;
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
    }

    /** Issues a verification link for the account's address and queues the mail that carries it. */
    void queueVerification(UUID userId, String email) {
        EmailVerifications.Issued link = verifications.issue(userId, email, properties.verificationLinkTtl());
        String url = publicUrl() + "/api/v1/auth/email-verification?token=" + link.token();
        outbox.queue(new Mail("verify-email:" + link.id(), userId, email, "Confirm your e-mail address for Bakery-IA",
                """
                Hello,

                please confirm that this address belongs to your Bakery-IA account by opening this link
                (it works once, in any browser, without signing in, until %s):

                %s

                Until you do, nothing that relies on your address applies to your account%s.

                If you did not create a Bakery-IA account, ignore this mail: without the confirmation
                the address is not used for anything.
                """.formatted(HUMAN.format(clock.instant().plus(properties.verificationLinkTtl())), url,
                        properties.emailVerification() == AuthProperties.EmailVerification.REQUIRED
                                ? ", and you cannot sign in" : "")));
    }

    /**
     * Tells the owner of an address that someone tried to register it: at most once per account
     * and {@link #TAKEN_NOTICE_PERIOD}, so a flood of attempts is not a flood of mail.
     */
    void queueRegistrationAttemptNotice(UUID ownerId, String email) {
        outbox.queue(new Mail("address-taken:" + ownerId + ":" + HOUR.format(clock.instant()), ownerId, email,
                "Someone tried to register your e-mail address at Bakery-IA",
                """
                Hello,

                someone just tried to create a new Bakery-IA account with this e-mail address, which
                already belongs to your account. No new account was created and nothing about your
                account changed; whoever tried was told nothing about it.

                If it was you: you already have an account; sign in with it.
                If it was not you, there is nothing to do.
                """));
    }

    /**
     * Tells the person that the erasure of their account is scheduled for {@code deletionAt}, and
     * how to cancel it. Queued in the transaction that scheduled it. One mail per account and
     * instant: the same schedule sent again (a retry after a crash) queues nothing new, while a new
     * instant (support's {@code immediate=true}) is a new fact and is mailed. The reader is the
     * account's owner; the mail names only the instant.
     *
     * @param disabled whether the account was DISABLED before: its person cannot sign in to cancel
     */
    void queueErasureScheduled(UUID userId, String email, java.time.Instant deletionAt, boolean disabled) {
        outbox.queue(new Mail("erasure-scheduled:" + userId + ":" + deletionAt.toEpochMilli(), userId, email,
                "Your Bakery-IA account is scheduled for deletion",
                """
                Hello,

                your Bakery-IA account and the personal data it holds are scheduled to be erased
                at %s. Until then you are signed out and cannot use the account.

                %s

                After the erasure, this address receives one last mail with the certificate of it.
                """.formatted(HUMAN.format(deletionAt), disabled
                        ? "Your account is disabled, so it cannot be restored by signing in: if this is a\n"
                          + "mistake, contact the support of your bakery before then."
                        : "To cancel, sign in before then and confirm that you want to keep the account\n"
                          + "(the sign-in answer asks you to repeat it with \"cancel_deletion\": true).")));
    }

    /**
     * Tells the person that the erasure scheduled for {@code wasScheduledFor} was cancelled. One
     * mail per account and cancelled instant, queued in the transaction that cancelled it.
     */
    void queueErasureCancelled(UUID userId, String email, java.time.Instant wasScheduledFor) {
        outbox.queue(new Mail("erasure-cancelled:" + userId + ":" + wasScheduledFor.toEpochMilli(), userId, email,
                "The deletion of your Bakery-IA account was cancelled",
                """
                Hello,

                the erasure of your Bakery-IA account, scheduled for %s, was cancelled. Your account
                and its data are kept as they were.

                If you did not expect this, sign in and check your account, or ask for its deletion again.
                """.formatted(HUMAN.format(wasScheduledFor))));
    }

    /**
     * Tells the person that their account was erased, queued in the erasure's own transaction
     * before the user row (and with it the address) is deleted. The row names no account
     * ({@code recipient_user_id} null), so the erasure does not take it with the person's other
     * unsent mails; it keeps the address only until it is sent. One per account: user ids are never
     * given out again, and a repeated erasure finds no address to mail.
     *
     * <p>It carries no hand-over token: the orchestrator issues those (only their hashes are
     * stored) and gives them in the answer to the deletion request; auth never holds one.
     */
    void queueErasureCompleted(UUID userId, String email, java.time.Instant erasedAt) {
        outbox.queue(new Mail("erasure-completed:" + userId, null, email, "Your Bakery-IA account was erased",
                """
                Hello,

                your Bakery-IA account and the personal data it held were erased at %s. This is the
                last mail this address receives from Bakery-IA about it; the address itself is gone
                from the platform once this mail is sent.

                The certificate of the erasure is at the certificate_url given in the answer to the
                deletion request (%s/api/v1/deletion-certificates/<job id>); fetch it with the
                certificate_token of that answer in the Deletion-Certificate-Token header. It needs
                no account.
                """.formatted(HUMAN.format(erasedAt), publicUrl())));
    }

    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Where people's browsers reach auth: {@code bakery.auth.public-url}, else this process. */
    private String publicUrl() {
        if (properties.publicUrl() != null) {
            return properties.publicUrl();
        }
        String host = environment.getProperty("server.address", "127.0.0.1");
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
