package com.bakeryia.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/**
 * The verification links mailed to addresses ({@code auth.email_verifications}). A link's token is
 * 256 random bits, unguessable; only its SHA-256 is stored, so the table alone verifies nothing. A
 * link verifies the address it was mailed to, for its account, once, until it expires.
 */
@Repository
class EmailVerifications {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceDatabase db;
    private final Clock clock;

    EmailVerifications(@Qualifier("auth") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A link issued: its row's id and the token (in the mail only). */
    record Issued(UUID id, String token) {
    }

    /** Issues a link for the account's address, valid for {@code ttl}, in the caller's transaction. */
    Issued issue(UUID userId, String email, Duration ttl) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.jdbc().update("insert into auth.email_verifications (id, user_id, email, token_hash, created_at, expires_at)"
                + " values (?, ?, ?, ?, ?, ?)", id, userId, email, hash(token), Timestamp.from(now), Timestamp.from(now.plus(ttl)));
        return new Issued(id, token);
    }

    /** Whether the account was mailed a link within {@code within} that still works. */
    boolean recentlyIssued(UUID userId, Duration within) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(db.jdbc().queryForObject("select exists (select 1 from auth.email_verifications"
                + " where user_id = ? and used_at is null and expires_at > ? and created_at > ?)", Boolean.class,
                userId, Timestamp.from(now), Timestamp.from(now.minus(within))));
    }

    /** What following a link did. */
    enum Outcome {
        /** The address is verified now (or was already, by this very link). */
        VERIFIED,
        /** No such link, or its account is gone. */
        UNKNOWN,
        /** The link's time is over, unused. */
        EXPIRED,
        /** The account's address is no longer the one the link was mailed to. */
        ADDRESS_CHANGED
    }

    /** The outcome, with the account and the moment its address was verified when VERIFIED. */
    record Result(Outcome outcome, UUID userId, String email, Instant verifiedAt) {
    }

    /**
     * Follows a link: marks it used and its account's address verified, in one transaction, if the
     * link is known, unexpired, unused (a used link answers VERIFIED again while its address is still
     * the account's and verified: a second click, or a mail scanner's fetch before the person's, is
     * not an error) and its address is still the account's.
     */
    Result verify(String token) {
        String hash = hash(token);
        // As the database keeps it (microseconds), so that every later read answers the same moment.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return db.transactions().execute(tx -> {
            List<Result> found = db.jdbc().query("select v.id, v.user_id, v.email, v.expires_at, v.used_at,"
                            + " u.email as current_email, u.email_verified_at from auth.email_verifications v"
                            + " join auth.users u on u.id = v.user_id where v.token_hash = ? for update of v, u",
                    (row, n) -> {
                        UUID user = row.getObject("user_id", UUID.class);
                        String email = row.getString("email");
                        if (!email.equals(row.getString("current_email"))) {
                            return new Result(Outcome.ADDRESS_CHANGED, user, null, null);
                        }
                        Timestamp verifiedAt = row.getTimestamp("email_verified_at");
                        if (row.getTimestamp("used_at") != null) {
                            return verifiedAt == null ? new Result(Outcome.UNKNOWN, null, null, null)
                                    : new Result(Outcome.VERIFIED, user, email, verifiedAt.toInstant());
                        }
                        if (!row.getTimestamp("expires_at").toInstant().isAfter(now)) {
                            return new Result(Outcome.EXPIRED, user, null, null);
                        }
                        db.jdbc().update("update auth.email_verifications set used_at = ? where id = ?",
                                Timestamp.from(now), row.getObject("id", UUID.class));
                        Instant at = verifiedAt == null ? now : verifiedAt.toInstant();
                        db.jdbc().update("update auth.users set email_verified_at = ? where id = ? and email = ?",
                                Timestamp.from(at), user, email);
                        return new Result(Outcome.VERIFIED, user, email, at);
                    }, hash);
            return found.isEmpty() ? new Result(Outcome.UNKNOWN, null, null, null) : found.get(0);
        });
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
