package com.bakeryia.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
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
 */
@Component
class LoginThrottle {

    private final ServiceDatabase db;
    private final AuthProperties properties;
    private final Clock clock;

    LoginThrottle(@Qualifier("auth") ServiceDatabase db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs the password check under the account's throttle. The check runs outside any transaction.
     *
     * @param check answers whether the credentials are right
     */
    <T> Outcome<T> attempt(String email, Supplier<Optional<T>> check) {
        String account = accountOf(email);
        Duration locked = countAttempt(account);
        if (locked != null) {
            return Outcome.locked(locked);
        }
        Optional<T> result = check.get();
        if (result.isEmpty()) {
            return Outcome.rejected();
        }
        db.jdbc().update("delete from auth.login_throttle where account_email = ?", account);
        return Outcome.success(result.get());
    }

    /**
     * Counts one attempt as a failure (a success clears it afterwards), locking the account when it
     * reaches the limit; answers how long the account is still locked, or null when the attempt may go on.
     */
    private Duration countAttempt(String account) {
        return db.transactions().execute(status -> {
            Instant now = clock.instant();
            db.jdbc().update("insert into auth.login_throttle (account_email, failures, window_started_at)"
                    + " values (?, 0, ?) on conflict (account_email) do nothing", account, Timestamp.from(now));
            var state = db.jdbc().queryForMap("select failures, window_started_at, locked_until"
                    + " from auth.login_throttle where account_email = ? for update", account);
            Timestamp lockedUntil = (Timestamp) state.get("locked_until");
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                return Duration.between(now, lockedUntil.toInstant());
            }
            Instant windowStart = ((Timestamp) state.get("window_started_at")).toInstant();
            boolean windowOver = lockedUntil != null || windowStart.plus(properties.loginWindow()).isBefore(now);
            int failures = (windowOver ? 0 : ((Number) state.get("failures")).intValue()) + 1;
            Instant start = windowOver ? now : windowStart;
            Instant lock = failures >= properties.maxFailedLogins() ? now.plus(properties.loginLockout()) : null;
            db.jdbc().update("update auth.login_throttle set failures = ?, window_started_at = ?, locked_until = ?"
                    + " where account_email = ?", failures, Timestamp.from(start),
                    lock == null ? null : Timestamp.from(lock), account);
            return null;
        });
    }

    /**
     * The throttle row's key for an e-mail address, as typed at login or as stored on the user: the
     * address stripped and lower-cased, so every spelling of one address shares one row.
     */
    static String accountOf(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
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
