package com.bakeryia.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DeletionRunCounts;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The auth service as the last step of a user deletion, participant {@code auth}: in one
 * transaction it revokes the user's refresh tokens (so every session ends even if a token was
 * copied), deletes them, deletes the login-throttle row of the user's e-mail address (keyed by an
 * HMAC of the address, not the address), and deletes the user record. (The deletion orchestrator forgets the
 * user as initiator of deletion jobs itself, when their job completes.) Idempotent: for a user
 * already gone it deletes 0 rows. It holds no tenant data: tenant-scoped calls count and delete
 * nothing.
 *
 * <p>A failed login with the address after the erasure writes a throttle row again, as for any
 * unknown address: keyed by the HMAC, holding no address, and gone when its window is over.
 */
@Component
class AuthUserParticipant implements DeletionParticipant {

    static final String SERVICE = "auth";

    private final ServiceDatabase db;
    private final Clock clock;
    private final DeletionRunCounts runCounts;
    private final LoginThrottle throttle;
    private final AccountMails mails;

    AuthUserParticipant(@Qualifier("auth") ServiceDatabase db, Clock clock, LoginThrottle throttle, AccountMails mails) {
        this.db = db;
        this.mails = mails;
        this.throttle = throttle;
        this.runCounts = new DeletionRunCounts(db);
        this.clock = clock;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public DeletionPreview preview(DeletionSubject subject) {
        Map<String, Long> toDelete = new LinkedHashMap<>();
        Map<String, Long> toAnonymise = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.USER) {
            toDelete.put("auth.refresh_tokens", count("select count(*) from auth.refresh_tokens where user_id = ?", subject.id()));
            toDelete.put("auth.login_throttle", email(subject.id()).map(email -> count(
                    "select count(*) from auth.login_throttle where account_key = ?", throttle.keyOf(email)))
                    .orElse(0L));
            toDelete.put("auth.mail_outbox", count("select count(*) from auth.mail_outbox where recipient_user_id = ?",
                    subject.id()));
            toDelete.put("auth.users", count("select count(*) from auth.users where id = ?", subject.id()));
        }
        return new DeletionPreview(SERVICE, subject.scope(), subject.id(), toDelete, toAnonymise, Map.of());
    }

    @Override
    public DeletionResult delete(DeletionSubject subject, UUID runId) {
        Instant startedAt = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        if (subject.scope() == DeletionScope.USER) {
            db.transactions().executeWithoutResult(status -> {
                UUID user = subject.id();
                db.jdbc().update("update auth.refresh_tokens set revoked_at = ? where user_id = ? and revoked_at is null",
                        Timestamp.from(startedAt), user);
                runCounts.add(runId, "auth.refresh_tokens", db.jdbc().update(
                        "delete from auth.refresh_tokens where user_id = ?", user), 0);
                // Before the user row: the address is found through it.
                runCounts.add(runId, "auth.login_throttle", email(user).map(email -> db.jdbc().update(
                        "delete from auth.login_throttle where account_key = ?", throttle.keyOf(email)))
                        .orElse(0), 0);
                // Mails not yet sent about the account: they would tell of an account that no longer exists.
                runCounts.add(runId, "auth.mail_outbox", db.jdbc().update(
                        "delete from auth.mail_outbox where recipient_user_id = ?", user), 0);
                // Before the user row, in its transaction: the last mail to the address, exactly when
                // the erasure commits. It names no account, so it outlives the row until it is sent.
                email(user).ifPresent(email -> mails.queueErasureCompleted(user, email, startedAt));
                runCounts.add(runId, "auth.users", db.jdbc().update("delete from auth.users where id = ?", user), 0);
            });
            deleted.put("auth.refresh_tokens", 0L);
            deleted.put("auth.login_throttle", 0L);
            deleted.put("auth.mail_outbox", 0L);
            deleted.put("auth.users", 0L);
            // The run's counts commit with the deletion, so a retry after a lost answer still reports it.
            deleted.putAll(runCounts.deleted(runId));
        }
        Instant completedAt = clock.instant();
        return new DeletionResult(SERVICE, subject.scope(), subject.id(), deleted, Map.of(), Map.of(), List.of(),
                startedAt, completedAt, Duration.between(startedAt, completedAt).toMillis());
    }

    /** The user's e-mail address, if the user still exists. */
    private Optional<String> email(UUID user) {
        return db.jdbc().queryForList("select email from auth.users where id = ?", String.class, user).stream().findFirst();
    }

    private long count(String sql, Object key) {
        Long count = db.jdbc().queryForObject(sql, Long.class, key);
        return count == null ? 0 : count;
    }
}
