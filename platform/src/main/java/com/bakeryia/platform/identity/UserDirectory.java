package com.bakeryia.platform.identity;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What other services ask of the auth service about a user: whether and in which standing the
 * account exists, and the account's side of its deletion lifecycle. The auth service implements
 * it in-process; elsewhere {@link RemoteUserDirectory} asks it over HTTP
 * ({@code GET /api/v1/users/{user_id}} and {@code PUT /api/v1/users/{user_id}/status}, services only).
 *
 * <p>The lifecycle, decided by the auth service's user row alone so that a cancellation and the
 * start of the erasure cannot both win:
 * <pre>
 * ACTIVE or DISABLED --scheduleDeletion--> PENDING_DELETION --markDeleting--> DELETING --(erasure)--> gone
 *   the standing before <--restore / login with cancel_deletion (ACTIVE accounts only)--
 * </pre>
 * A cancelled deletion returns the account to the standing it had when the deletion was scheduled:
 * a DISABLED account stays DISABLED.
 * From PENDING_DELETION on the person is locked out: refresh tokens are revoked and every access
 * token naming the account is refused. The account also says which {@link PlatformRole}s its person
 * holds, read with its standing on every request. A user that is gone (never existed, or erased) is unknown
 * for good: user ids are random, so none is ever given out again.
 */
public interface UserDirectory {

    /** The standing of an account. Only ACTIVE accounts may act. */
    enum AccountStatus {
        ACTIVE, DISABLED, PENDING_DELETION, DELETING
    }

    /**
     * An account as other services see it.
     *
     * @param deletionScheduledFor when a PENDING_DELETION account's erasure starts; null otherwise
     * @param platformRoles        the roles the account holds on the platform as a whole, as they
     *                             are now (granted by a service, or by {@code bakery.auth.operators})
     */
    record Account(UUID userId, AccountStatus status, Instant deletionScheduledFor, Set<PlatformRole> platformRoles) {

        public Account {
            platformRoles = platformRoles == null || platformRoles.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(platformRoles));
        }

        /** An account without platform roles. */
        public Account(UUID userId, AccountStatus status, Instant deletionScheduledFor) {
            this(userId, status, deletionScheduledFor, Set.of());
        }

        public boolean active() {
            return status == AccountStatus.ACTIVE;
        }

        public boolean holds(PlatformRole role) {
            return platformRoles.contains(role);
        }
    }

    /** The account, or empty when no such user exists (never did, or was erased). */
    Optional<Account> account(UUID userId);

    /** Whether the user exists, in any standing. */
    default boolean exists(UUID userId) {
        return account(userId).isPresent();
    }

    /**
     * Locks the account out until its erasure starts at {@code deletionAt}: PENDING_DELETION, every
     * refresh token revoked. A PENDING_DELETION account gets the new instant; a user that does not
     * exist is left alone.
     *
     * @return false when the account is DELETING already (its erasure has started)
     */
    boolean scheduleDeletion(UUID userId, Instant deletionAt);

    /**
     * The erasure starts: a PENDING_DELETION account becomes DELETING (and stays so when it already
     * is). A user that no longer exists counts as deleting (an erasure that ran before).
     *
     * @return false when the account is ACTIVE or DISABLED: its deletion was cancelled (a login with
     *         {@code cancel_deletion}, or a restore) and must not start
     */
    boolean markDeleting(UUID userId);

    /**
     * Cancels the account's scheduled deletion: a PENDING_DELETION account returns to the standing it
     * had before (ACTIVE, or DISABLED); an ACTIVE or DISABLED one stays so. Its person logs in anew.
     *
     * @return false when the account is DELETING (too late) or does not exist
     */
    boolean restore(UUID userId);
}
