package com.bakeryia.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Registration and the verification of addresses, each one transaction with the mail it queues.
 * Registering a taken address changes nothing, mails the address's owner, and answers as a new
 * account would, so the answer tells nobody whether the address has an account.
 */
@Service
class Registrations {

    /** A login refused for an unverified address mails a new link at most this often. */
    static final Duration RESEND_PAUSE = Duration.ofMinutes(10);

    private final ServiceDatabase db;
    private final Users users;
    private final AccountMails mails;
    private final EmailVerifications verifications;
    private final Clock clock;

    Registrations(@Qualifier("auth") ServiceDatabase db, Users users, AccountMails mails, EmailVerifications verifications,
                  Clock clock) {
        this.db = db;
        this.users = users;
        this.mails = mails;
        this.verifications = verifications;
        this.clock = clock;
    }

    /**
     * @param email normalised ({@link EmailAddresses#normalise})
     * @return the new account; for a taken address an account-shaped answer with an id that names no account
     */
    UserView register(String email, String fullName, String passwordHash) {
        return db.transactions().execute(tx -> users.register(email, fullName, passwordHash)
                .map(created -> {
                    mails.queueVerification(created.id(), email);
                    return created;
                })
                .orElseGet(() -> {
                    users.findByEmail(email).ifPresent(owner -> mails.queueRegistrationAttemptNotice(owner.view().id(), email));
                    return users.newAccountView(UUID.randomUUID(), email, fullName, clock.instant());
                }));
    }

    /**
     * Mails the account a new verification link, unless one mailed within {@code pause} still works.
     *
     * @return whether a mail was queued
     */
    boolean resendVerification(UserView user, Duration pause) {
        if (user.emailVerifiedAt() != null) {
            return false;
        }
        return Boolean.TRUE.equals(db.transactions().execute(tx -> {
            if (verifications.recentlyIssued(user.id(), pause)) {
                return false;
            }
            mails.queueVerification(user.id(), user.email());
            return true;
        }));
    }
}
