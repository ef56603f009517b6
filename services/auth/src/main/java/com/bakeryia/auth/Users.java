package com.bakeryia.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** The user accounts in {@code auth.users}. */
@Repository
class Users {

    static final String ACTIVE = "ACTIVE";

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
        return new UserView(id, email, fullName, ACTIVE, now);
    }

    Optional<Account> findByEmail(String email) {
        return db.jdbc().query("select id, email, full_name, status, created_at, password_hash from auth.users"
                + " where lower(email) = lower(?)", Users::account, email).stream().findFirst();
    }

    Optional<UserView> find(UUID id) {
        return db.jdbc().query("select id, email, full_name, status, created_at, password_hash from auth.users"
                + " where id = ?", Users::account, id).stream().findFirst().map(Account::view);
    }

    private static Account account(ResultSet row, int index) throws SQLException {
        return new Account(new UserView(row.getObject("id", UUID.class), row.getString("email"),
                row.getString("full_name"), row.getString("status"), row.getTimestamp("created_at").toInstant()),
                row.getString("password_hash"));
    }

    /** A user with the hash to check a password against. */
    record Account(UserView view, String passwordHash) {

        boolean active() {
            return ACTIVE.equals(view.status());
        }
    }
}
