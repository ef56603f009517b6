package com.bakeryia.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits password guessing per account: after {@code max-failed-logins} failures within
 * {@code login-window} the account refuses logins for {@code login-lockout}. State lives in
 * {@code auth.login_throttle}, so failures are counted across replicas. An attempt is counted as a
 * failure before its password is checked, in a short transaction of its own (the row is locked only
 * for that update), and a success then clears the row: the slow password check holds no lock, no
 * transaction and no pooled connection, yet parallel guesses against one account are still counted
 * one by one, and no more than {@code max-failed-logins} of them are ever checked per window.
 * Unknown emails are throttled the same way, so the answer does not reveal whether an account exists.
 *
 * <p>No address is stored: a row's key is an HMAC-SHA256 of the normalised address under a secret
 * (configured as {@code bakery.auth.login-throttle.secret}, or made once and kept in
 * {@code auth.login_throttle_secret}), so the table holds no address of anyone, also not of a person
 * erased before someone typed their address again. A row expires when its window and lockout are
 * over; each attempt removes the expired rows, so the table holds only the accounts under attack now.
 */
@Component
class LoginThrottle {

    private static final String HMAC = "HmacSHA256";

    private final ServiceDatabase db;
    private final AuthProperties properties;
    private final Clock clock;
    private final String configuredSecret;
    private volatile SecretKeySpec key;

    LoginThrottle(@Qualifier("auth") ServiceDatabase db, AuthProperties properties, Clock clock,
                  @Value("${bakery.auth.login-throttle.secret:}") String configuredSecret) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
        this.configuredSecret = configuredSecret;
    }

    /**
     * Runs the password check under the account's throttle. The check runs outside any transaction.
     *
     * @param check answers whether the credentials are right
     */
    <T> Outcome<T> attempt(String email, Supplier<Optional<T>> check) {
        String account = keyOf(email);
        Duration locked = countAttempt(account);
        if (locked != null) {
            return Outcome.locked(locked);
        }
        Optional<T> result = check.get();
        if (result.isEmpty()) {
            return Outcome.rejected();
        }
        db.jdbc().update("delete from auth.login_throttle where account_key = ?", account);
        return Outcome.success(result.get());
    }

    /**
     * Counts one attempt as a failure (a success clears it afterwards), locking the account when it
     * reaches the limit; answers how long the account is still locked, or null when the attempt may go on.
     */
    private Duration countAttempt(String account) {
        return db.transactions().execute(status -> {
            Instant now = clock.instant();
            // Rows whose window and lockout are over count for nothing: gone, whoever they were about.
            db.jdbc().update("delete from auth.login_throttle where expires_at < ?", Timestamp.from(now));
            db.jdbc().update("insert into auth.login_throttle (account_key, failures, window_started_at, expires_at)"
                    + " values (?, 0, ?, ?) on conflict (account_key) do nothing", account, Timestamp.from(now),
                    Timestamp.from(now.plus(properties.loginWindow())));
            var state = db.jdbc().queryForMap("select failures, window_started_at, locked_until"
                    + " from auth.login_throttle where account_key = ? for update", account);
            Timestamp lockedUntil = (Timestamp) state.get("locked_until");
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                return Duration.between(now, lockedUntil.toInstant());
            }
            Instant windowStart = ((Timestamp) state.get("window_started_at")).toInstant();
            boolean windowOver = lockedUntil != null || windowStart.plus(properties.loginWindow()).isBefore(now);
            int failures = (windowOver ? 0 : ((Number) state.get("failures")).intValue()) + 1;
            Instant start = windowOver ? now : windowStart;
            Instant lock = failures >= properties.maxFailedLogins() ? now.plus(properties.loginLockout()) : null;
            Instant expires = lock != null && lock.isAfter(start.plus(properties.loginWindow())) ? lock
                    : start.plus(properties.loginWindow());
            db.jdbc().update("update auth.login_throttle set failures = ?, window_started_at = ?, locked_until = ?,"
                    + " expires_at = ? where account_key = ?", failures, Timestamp.from(start),
                    lock == null ? null : Timestamp.from(lock), Timestamp.from(expires), account);
            return null;
        });
    }

    /**
     * The throttle row's key for an e-mail address, as typed at login or as stored on the user: an
     * HMAC-SHA256 in lower-case hex of the address normalised ({@link #normalised}), so every spelling
     * of one address shares one row and the row does not say whose it is.
     */
    String keyOf(String email) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(normalised(email).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** An address as the throttle compares it: by the platform's one rule ({@link EmailAddresses#normalise}). */
    static String normalised(String email) {
        return EmailAddresses.normalise(email);
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known != null) {
            return known;
        }
        byte[] secret;
        if (!configuredSecret.isBlank()) {
            secret = configuredSecret.getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // The first process to need it makes it; every other one, now or later, reads that one.
            db.jdbc().update("insert into auth.login_throttle_secret (secret) values (?) on conflict (only_row) do nothing",
                    (Object) fresh);
            secret = db.jdbc().queryForObject("select secret from auth.login_throttle_secret", byte[].class);
        }
        key = new SecretKeySpec(secret, HMAC);
        return key;
    }

    /** What a login attempt came to: the value on success, or failed, or locked for a while. */
    record Outcome<T>(T value, boolean failed, Duration retryAfter) {

        static <T> Outcome<T> success(T value) {
            return new Outcome<>(value, false, null);
        }

        static <T> Outcome<T> rejected() {
            return new Outcome<>(null, true, null);
        }

        static <T> Outcome<T> locked(Duration retryAfter) {
            return new Outcome<>(null, false, retryAfter);
        }
    }
}
