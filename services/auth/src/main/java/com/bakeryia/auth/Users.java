package com.bakeryia.auth;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/** The user accounts in {@code auth.users}, with the platform roles each holds. */
@Repository
class Users {

    private static final Logger log = LoggerFactory.getLogger(Users.class);

    static final String ACTIVE = "ACTIVE";
    static final String PENDING_DELETION = "PENDING_DELETION";
    static final String DELETING = "DELETING";
    static final String DISABLED = "DISABLED";

    private static final String ACCOUNT_COLUMNS =
            "id, email, full_name, status, created_at, deletion_scheduled_for, platform_roles, password_hash,"
            + " status_before_deletion, email_verified_at";

    private final ServiceDatabase db;
    private final Clock clock;
    private final Set<String> operatorAddresses;
    private final AccountMails mails;

    Users(@Qualifier("auth") ServiceDatabase db, Clock clock, AuthProperties properties, AccountMails mails) {
        this.db = db;
        this.clock = clock;
        this.mails = mails;
        this.operatorAddresses = properties.operatorAddresses();
        if (!operatorAddresses.isEmpty()) {
            // How many, not which: the addresses are personal data.
            log.info("bakery.auth.operators names {} addresses; their accounts hold the platform role OPERATOR",
                    operatorAddresses.size());
        }
    }

    /**
     * A new ACTIVE account with an unverified address, in the caller's transaction.
     *
     * @param email the address, normalised ({@link EmailAddresses#normalise})
     * @return the account, or empty when the address is taken (nothing is changed)
     */
    Optional<UserView> register(String email, String fullName, String passwordHash) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int inserted = db.jdbc().update("insert into auth.users (id, email, full_name, password_hash, status, created_at)"
                + " values (?, ?, ?, ?, ?, ?) on conflict (email) do nothing", id, email, fullName, passwordHash, ACTIVE,
                Timestamp.from(now));
        return inserted == 1 ? Optional.of(newAccountView(id, email, fullName, now)) : Optional.empty();
    }

    /**
     * How a just-registered account looks: also what registering a taken address answers, with an id
     * that names no account, so that the two answers cannot be told apart.
     */
    UserView newAccountView(UUID id, String email, String fullName, Instant createdAt) {
        return new UserView(id, email, fullName, ACTIVE, createdAt, null, List.of(), null);
    }

    /** @param email the address, normalised ({@link EmailAddresses#normalise}): compared exactly */
    Optional<Account> findByEmail(String email) {
        return db.jdbc().query("select " + ACCOUNT_COLUMNS + " from auth.users where email = ?",
                this::account, email).stream().findFirst();
    }

    Optional<UserView> find(UUID id) {
        return db.jdbc().query("select " + ACCOUNT_COLUMNS + " from auth.users where id = ?", this::account, id)
                .stream().findFirst().map(Account::view);
    }

    /** What a change of the platform roles granted to an account found. */
    enum RoleChange {
        /** The account now holds exactly the roles asked for (besides those configuration gives it). */
        CHANGED,
        /** A role would be added to an account that is not ACTIVE: nothing changed. */
        NOT_ACTIVE,
        /** No such user. */
        NOT_FOUND
    }

    /**
     * Grants the account exactly {@code roles} (an empty set revokes every granted role). Adding a
     * role needs an ACTIVE account; removing never does, so a revocation always goes through. The
     * check and the change are one statement, so a lockout in between cannot be overtaken.
     * Roles that {@code bakery.auth.operators} gives stay as long as it names the address.
     *
     * @return what happened, and the roles granted before (empty unless CHANGED)
     */
    Map.Entry<RoleChange, Set<PlatformRole>> grantPlatformRoles(UUID id, Set<PlatformRole> roles) {
        String[] names = roles.stream().map(PlatformRole::name).sorted().toArray(String[]::new);
        List<Set<PlatformRole>> before = db.jdbc().query("update auth.users u set platform_roles = ?::text[]"
                        + " from (select id, platform_roles from auth.users where id = ? for update) old"
                        + " where u.id = old.id and (u.status = 'ACTIVE' or ?::text[] <@ old.platform_roles)"
                        + " returning old.platform_roles",
                (row, n) -> granted(row.getArray(1)), array(names), id, array(names));
        if (!before.isEmpty()) {
            return Map.entry(RoleChange.CHANGED, before.get(0));
        }
        return Map.entry(status(id).isPresent() ? RoleChange.NOT_ACTIVE : RoleChange.NOT_FOUND, Set.of());
    }

    private static String array(String[] names) {
        return "{" + String.join(",", names) + "}";
    }

    /**
     * PENDING_DELETION until {@code deletionAt}, from ACTIVE, DISABLED or PENDING_DELETION, with every
     * refresh token revoked in the same transaction; see {@link com.bakeryia.platform.identity.UserDirectory}.
     * The standing it had (ACTIVE or DISABLED) is kept, for a cancellation to return to; a deletion
     * scheduled again keeps the standing from before the first.
     *
     * @return false when the account is DELETING; true too when it does not exist (nothing to lock)
     */
    boolean scheduleDeletion(UUID id, Instant deletionAt) {
        return db.transactions().execute(tx -> {
            // Every right-hand side reads the row as it was: the standing before is the old status.
            List<Map<String, Object>> changed = db.jdbc().queryForList("update auth.users set status = ?,"
                    + " deletion_scheduled_for = ?,"
                    + " status_before_deletion = case when status = 'PENDING_DELETION' then status_before_deletion"
                    + " else status end where id = ? and status in ('ACTIVE', 'DISABLED', 'PENDING_DELETION')"
                    + " returning email, status_before_deletion",
                    PENDING_DELETION, Timestamp.from(deletionAt), id);
            if (changed.size() == 1) {
                revokeRefreshTokens(id);
                // In this transaction: the mail exists exactly when the schedule committed.
                mails.queueErasureScheduled(id, (String) changed.get(0).get("email"), deletionAt,
                        DISABLED.equals(changed.get(0).get("status_before_deletion")));
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
     * The scheduled deletion is cancelled: a PENDING_DELETION account returns to the standing it had
     * before (ACTIVE, or DISABLED: a disabled account stays disabled); an ACTIVE or DISABLED one
     * stays as it is.
     *
     * @return false when the account is DELETING or does not exist
     */
    boolean restore(UUID id) {
        return db.transactions().execute(tx -> {
            // The row as it was, locked: a cancelled schedule is mailed, a repeated restore is not.
            List<Map<String, Object>> before = db.jdbc().queryForList("select status, deletion_scheduled_for, email"
                    + " from auth.users where id = ? for update", id);
            boolean restored = db.jdbc().update("update auth.users set status = case when status = 'PENDING_DELETION'"
                    + " then coalesce(status_before_deletion, ?) else status end, deletion_scheduled_for = null,"
                    + " status_before_deletion = null where id = ? and status in ('PENDING_DELETION', 'ACTIVE', 'DISABLED')",
                    ACTIVE, id) == 1;
            if (restored && PENDING_DELETION.equals(before.get(0).get("status"))
                    && before.get(0).get("deletion_scheduled_for") instanceof Timestamp wasScheduledFor) {
                mails.queueErasureCancelled(id, (String) before.get(0).get("email"), wasScheduledFor.toInstant());
            }
            return restored;
        });
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
        return db.jdbc().query("select status, deletion_scheduled_for, platform_roles, email, email_verified_at"
                        + " from auth.users where id = ?",
                (row, n) -> new UserDirectory.Account(id, UserDirectory.AccountStatus.valueOf(row.getString("status")),
                        Optional.ofNullable(row.getTimestamp("deletion_scheduled_for")).map(Timestamp::toInstant)
                                .orElse(null), platformRoles(granted(row.getArray("platform_roles")), row.getString("email"),
                                row.getTimestamp("email_verified_at") != null)),
                id).stream().findFirst();
    }

    private Account account(ResultSet row, int index) throws SQLException {
        String email = row.getString("email");
        Instant verifiedAt = Optional.ofNullable(row.getTimestamp("email_verified_at")).map(Timestamp::toInstant).orElse(null);
        return new Account(new UserView(row.getObject("id", UUID.class), email,
                row.getString("full_name"), row.getString("status"), row.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(row.getTimestamp("deletion_scheduled_for")).map(Timestamp::toInstant).orElse(null),
                List.copyOf(platformRoles(granted(row.getArray("platform_roles")), email, verifiedAt != null)), verifiedAt),
                row.getString("password_hash"), row.getString("status_before_deletion"));
    }

    /**
     * The roles an account holds now: those granted to it, and OPERATOR while
     * {@code bakery.auth.operators} names its address and the account has verified that address
     * (whoever registers an operator's address first gets nothing from it without the owner's mailbox).
     * The stored address is normalised, as the setting's are, so they compare exactly.
     */
    private Set<PlatformRole> platformRoles(Set<PlatformRole> granted, String email, boolean verified) {
        if (!verified || !operatorAddresses.contains(email)) {
            return granted;
        }
        EnumSet<PlatformRole> roles = granted.isEmpty() ? EnumSet.noneOf(PlatformRole.class) : EnumSet.copyOf(granted);
        roles.add(PlatformRole.OPERATOR);
        return roles;
    }

    /** The roles of a {@code platform_roles} array (the table's check admits only known names). */
    private static Set<PlatformRole> granted(Array names) throws SQLException {
        EnumSet<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        if (names != null) {
            for (Object name : (Object[]) names.getArray()) {
                PlatformRole.named((String) name).ifPresent(roles::add);
            }
        }
        return roles;
    }

    /**
     * A user with the hash to check a password against.
     *
     * @param standingBeforeDeletion while PENDING_DELETION, the standing a cancellation returns to
     */
    record Account(UserView view, String passwordHash, String standingBeforeDeletion) {

        /**
         * Whether a right password gets an answer beyond "incorrect": every standing but DISABLED,
         * also while a deletion scheduled for a DISABLED account waits (its person cannot cancel it
         * by logging in, which would let them in).
         */
        boolean mayLogIn() {
            return !DISABLED.equals(view.status()) && !DISABLED.equals(standingBeforeDeletion);
        }
    }
}
