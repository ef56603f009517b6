package com.bakeryia.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** The user accounts in {@code auth.users}. */
@Repository
class Users {

    static final String ACTIVE = "ACTIVE";
    static final String PENDING_DELETION = "PENDING_DELETION";
    static final String DELETING = "DELETING";
    static final String DISABLED = "DISABLED";

    private final ServiceDatabase db;
    private final Clock clock;

    Users(@Qualifier("auth") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    UserView register(String email, String fullName, String passwordHash) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            db.jdbc().update("insert into auth.users (id, email, full_name, password_hash, status, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)", id, email, fullName, passwordHash, ACTIVE, Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("An account with email " + email + " already exists.");
        }
        return new UserView(id, email, fullName, ACTIVE, now, null);
    }

    Optional<Account> findByEmail(String email) {
        return db.jdbc().query("select id, email, full_name, status, created_at, deletion_scheduled_for, password_hash from auth.users"
                + " where lower(email) = lower(?)", Users::account, email).stream().findFirst();
    }

    Optional<UserView> find(UUID id) {
        return db.jdbc().query("select id, email, full_name, status, created_at, deletion_scheduled_for, password_hash from auth.users"
                + " where id = ?", Users::account, id).stream().findFirst().map(Account::view);
    }

    /**
     * PENDING_DELETION until {@code deletionAt}, from ACTIVE, DISABLED or PENDING_DELETION, with every
     * refresh token revoked in the same transaction; see {@link com.bakeryia.platform.identity.UserDirectory}.
     *
     * @return false when the account is DELETING; true too when it does not exist (nothing to lock)
     */
    boolean scheduleDeletion(UUID id, Instant deletionAt) {
        return db.transactions().execute(tx -> {
            int changed = db.jdbc().update("update auth.users set status = ?, deletion_scheduled_for = ?"
                    + " where id = ? and status in ('ACTIVE', 'DISABLED', 'PENDING_DELETION')",
                    PENDING_DELETION, Timestamp.from(deletionAt), id);
            if (changed == 1) {
                revokeRefreshTokens(id);
                return true;
            }
            return !DELETING.equals(status(id).orElse(null));
        });
    }

    /**
     * DELETING, from PENDING_DELETION (or DELETING): the erasure has started and can no longer be
     * cancelled. The user row decides, so a cancellation and this cannot both succeed.
     *
     * @return false when the account is ACTIVE or DISABLED (its deletion was cancelled); true when
     *         it is gone (erased before)
     */
    boolean markDeleting(UUID id) {
        return db.transactions().execute(tx -> {
            int changed = db.jdbc().update("update auth.users set status = ?, deletion_scheduled_for = null"
                    + " where id = ? and status in ('PENDING_DELETION', 'DELETING')", DELETING, id);
            if (changed == 1) {
                revokeRefreshTokens(id);
                return true;
            }
            return status(id).isEmpty();
        });
    }

    /**
     * ACTIVE again, from PENDING_DELETION (or ACTIVE): the scheduled deletion is cancelled.
     *
     * @return false when the account is DELETING, DISABLED or does not exist
     */
    boolean restore(UUID id) {
        return db.jdbc().update("update auth.users set status = ?, deletion_scheduled_for = null"
                + " where id = ? and status in ('PENDING_DELETION', 'ACTIVE')", ACTIVE, id) == 1;
    }

    private Optional<String> status(UUID id) {
        return db.jdbc().queryForList("select status from auth.users where id = ?", String.class, id).stream().findFirst();
    }

    private void revokeRefreshTokens(UUID id) {
        db.jdbc().update("update auth.refresh_tokens set revoked_at = ? where user_id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), id);
    }

    /**
     * The account's standing and deadline alone (no hash, no personal data): what every process
     * asks on every user request.
     */
    Optional<UserDirectory.Account> standing(UUID id) {
        return db.jdbc().query("select status, deletion_scheduled_for from auth.users where id = ?",
                (row, n) -> new UserDirectory.Account(id, UserDirectory.AccountStatus.valueOf(row.getString("status")),
                        Optional.ofNullable(row.getTimestamp("deletion_scheduled_for")).map(Timestamp::toInstant)
                                .orElse(null)), id).stream().findFirst();
    }

    private static Account account(ResultSet row, int index) throws SQLException {
        return new Account(new UserView(row.getObject("id", UUID.class), row.getString("email"),
                row.getString("full_name"), row.getString("status"), row.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(row.getTimestamp("deletion_scheduled_for")).map(Timestamp::toInstant).orElse(null)),
                row.getString("password_hash"));
    }

    /** A user with the hash to check a password against. */
    record Account(UserView view, String passwordHash) {

        /** Whether a right password gets an answer beyond "incorrect": every standing but DISABLED. */
        boolean mayLogIn() {
            return !DISABLED.equals(view.status());
        }
    }
}
