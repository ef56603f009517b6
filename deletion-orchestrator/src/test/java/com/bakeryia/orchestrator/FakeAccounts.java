package com.bakeryia.orchestrator;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.identity.UserDirectory;

/**
 * Stands in for the auth service's accounts, in memory and with its rules: every user id is an
 * ACTIVE account unless a test (or a lifecycle call) says otherwise, and an erased one is unknown.
 */
public final class FakeAccounts implements UserDirectory {

    public static final FakeAccounts INSTANCE = new FakeAccounts();

    private final Map<UUID, Account> accounts = new HashMap<>();
    private final Set<UUID> erased = new HashSet<>();
    private final Set<UUID> everDeleting = new HashSet<>();
    /** The standing an account had when its deletion was scheduled, as the auth service keeps it. */
    private final Map<UUID, AccountStatus> standingBefore = new HashMap<>();

    /** How often other code asked for an account, as a remote auth service would count its requests. */
    private final java.util.concurrent.atomic.AtomicLong lookups = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public synchronized Optional<Account> account(UUID userId) {
        lookups.incrementAndGet();
        return lookup(userId);
    }

    /** How many times {@link #account} was asked so far. */
    public long lookups() {
        return lookups.get();
    }

    private Optional<Account> lookup(UUID userId) {
        if (erased.contains(userId)) {
            return Optional.empty();
        }
        return Optional.of(accounts.getOrDefault(userId, new Account(userId, AccountStatus.ACTIVE, null)));
    }

    @Override
    public synchronized boolean scheduleDeletion(UUID userId, Instant deletionAt) {
        AccountStatus status = status(userId);
        if (status == AccountStatus.DELETING) {
            return false;
        }
        if (status != null) {
            if (status != AccountStatus.PENDING_DELETION) {
                standingBefore.put(userId, status);
            }
            accounts.put(userId, new Account(userId, AccountStatus.PENDING_DELETION, deletionAt));
        }
        return true;
    }

    @Override
    public synchronized boolean markDeleting(UUID userId) {
        AccountStatus status = status(userId);
        if (status == AccountStatus.ACTIVE || status == AccountStatus.DISABLED) {
            return false;
        }
        if (status != null) {
            accounts.put(userId, new Account(userId, AccountStatus.DELETING, null));
            everDeleting.add(userId);
        }
        return true;
    }

    @Override
    public synchronized boolean restore(UUID userId) {
        AccountStatus status = status(userId);
        if (status == null || status == AccountStatus.DELETING) {
            return false;
        }
        if (status == AccountStatus.PENDING_DELETION) {
            accounts.put(userId, new Account(userId, standingBefore.getOrDefault(userId, AccountStatus.ACTIVE), null));
        }
        standingBefore.remove(userId);
        return true;
    }

    /** Sets an account's standing, as the auth service would after a lifecycle call from elsewhere. */
    public synchronized void set(UUID userId, AccountStatus status, Instant deletionScheduledFor) {
        erased.remove(userId);
        accounts.put(userId, new Account(userId, status, deletionScheduledFor));
    }

    /** An ACTIVE account holding {@code roles}, as after a service granted them (none: revoked). */
    public synchronized void grant(UUID userId, PlatformRole... roles) {
        erased.remove(userId);
        accounts.put(userId, new Account(userId, AccountStatus.ACTIVE, null, Set.of(roles)));
    }

    /** The account is gone, as after the auth service's FINAL step. */
    public synchronized void erase(UUID userId) {
        accounts.remove(userId);
        erased.add(userId);
    }

    /** Whether the account was ever made DELETING (its erasure started), whatever it is now. */
    public synchronized boolean everDeleting(UUID userId) {
        return everDeleting.contains(userId);
    }

    /** The account's standing, or null when it is gone. */
    synchronized AccountStatus status(UUID userId) {
        return lookup(userId).map(Account::status).orElse(null);
    }
}
