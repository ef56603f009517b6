package com.bakeryia.orchestrator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.job.JobPlan;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.platform.tenancy.UserMemberships;

/**
 * Stands in for the tenant service (memberships in memory, with the same rules: a transfer only
 * to an ADMIN, owners kept when removing a user) and for the auth service's user participant
 * (users are a set of ids, and its deletion erases the account in {@link FakeAccounts}), so user
 * jobs can run in this module's context.
 */
public final class FakeTenancy implements UserMemberships {

    public static final FakeTenancy INSTANCE = new FakeTenancy();

    private record Row(UUID tenantId, UUID userId, TenantRole role, Instant joinedAt) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<UUID> users = new ArrayList<>();
    private final List<UUID> markedDeleting = new ArrayList<>();
    private volatile java.util.function.Predicate<UUID> recordExists = tenant -> true;

    /**
     * How to tell that a tenant marked DELETING is gone (its tenant job removed the record): its
     * memberships then go too, as the real tenant record removal deletes them.
     */
    FakeTenancy recordsIn(java.util.function.Predicate<UUID> exists) {
        this.recordExists = exists;
        return this;
    }

    private void forgetDeletedTenants() {
        rows.removeIf(row -> markedDeleting.contains(row.tenantId()) && !recordExists.test(row.tenantId()));
    }

    public synchronized void add(UUID tenantId, UUID userId, TenantRole role, Instant joinedAt) {
        rows.add(new Row(tenantId, userId, role, joinedAt));
        if (!users.contains(userId)) {
            users.add(userId);
        }
    }

    /** Changes a member's role behind the job's back, as an OWNER demoting or promoting someone would. */
    public synchronized void setRole(UUID tenantId, UUID userId, TenantRole role) {
        rows.replaceAll(row -> row.tenantId().equals(tenantId) && row.userId().equals(userId)
                ? new Row(tenantId, userId, role, row.joinedAt()) : row);
    }

    public synchronized TenantRole roleOf(UUID tenantId, UUID userId) {
        return rows.stream().filter(r -> r.tenantId().equals(tenantId) && r.userId().equals(userId)).map(Row::role)
                .findFirst().orElse(null);
    }

    public synchronized boolean userExists(UUID userId) {
        return users.contains(userId);
    }

    public synchronized boolean markedDeleting(UUID tenantId) {
        return markedDeleting.contains(tenantId);
    }

    @Override
    public synchronized List<Membership> of(UUID userId) {
        forgetDeletedTenants();
        return rows.stream().filter(r -> r.userId().equals(userId))
                .map(r -> new Membership(r.tenantId(), r.role(), r.joinedAt())).toList();
    }

    @Override
    public synchronized List<Manager> managers(UUID tenantId) {
        return rows.stream().filter(r -> r.tenantId().equals(tenantId) && r.role().canManage())
                .sorted(Comparator.comparing((Row r) -> r.role()).thenComparing(Row::joinedAt))
                .map(r -> new Manager(r.userId(), r.role(), r.joinedAt())).toList();
    }

    @Override
    public synchronized void transferOwnership(UUID tenantId, UUID newOwnerId) {
        if (roleOf(tenantId, newOwnerId) != TenantRole.ADMIN) {
            throw new IllegalStateException(newOwnerId + " is not an ADMIN of " + tenantId);
        }
        List<Row> changed = new ArrayList<>();
        for (Row row : rows) {
            TenantRole role = !row.tenantId().equals(tenantId) ? row.role()
                    : row.userId().equals(newOwnerId) ? TenantRole.OWNER
                    : row.role() == TenantRole.OWNER ? TenantRole.ADMIN : row.role();
            changed.add(new Row(row.tenantId(), row.userId(), role, row.joinedAt()));
        }
        rows.clear();
        rows.addAll(changed);
    }

    @Override
    public void markTenantDeleting(UUID tenantId) {
        java.util.concurrent.CountDownLatch[] hold;
        synchronized (this) {
            if (unreachableFor.contains(tenantId)) {
                throw new IllegalStateException("test: the tenant service does not answer about " + tenantId);
            }
            hold = held.get(tenantId);
        }
        if (hold != null) {
            // A slow tenant service: the call is under way until the test releases it.
            hold[0].countDown();
            try {
                hold[1].await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("test: interrupted", e);
            }
        }
        synchronized (this) {
            markedDeleting.add(tenantId);
        }
    }

    private final java.util.Map<UUID, java.util.concurrent.CountDownLatch[]> held = new java.util.HashMap<>();

    /**
     * While set, a call marking the tenant counts {@code entered} down and then waits for
     * {@code release}: a tenant service that takes its time; null latches end it.
     */
    public synchronized void holdMarks(UUID tenantId, java.util.concurrent.CountDownLatch entered,
                                       java.util.concurrent.CountDownLatch release) {
        if (entered == null) {
            held.remove(tenantId);
        } else {
            held.put(tenantId, new java.util.concurrent.CountDownLatch[] {entered, release});
        }
    }

    private final java.util.Set<UUID> unreachableFor = new java.util.HashSet<>();

    /** While set, marking the tenant fails as an unreachable tenant service's call would. */
    public synchronized void unreachableFor(UUID tenantId, boolean unreachable) {
        if (unreachable) {
            unreachableFor.add(tenantId);
        } else {
            unreachableFor.remove(tenantId);
        }
    }

    private final java.util.Map<UUID, Instant> scheduled = new java.util.HashMap<>();
    private final List<UUID> restored = new ArrayList<>();

    @Override
    public synchronized boolean scheduleTenantDeletion(UUID tenantId, Instant deletionAt) {
        if (markedDeleting.contains(tenantId)) {
            return false;
        }
        scheduled.putIfAbsent(tenantId, deletionAt);
        return true;
    }

    @Override
    public synchronized void restoreTenant(UUID tenantId) {
        if (markedDeleting.contains(tenantId)) {
            throw new IllegalStateException(tenantId + " is DELETING and cannot be restored");
        }
        scheduled.remove(tenantId);
        restored.add(tenantId);
    }

    /** When the tenant's deletion is scheduled for (PENDING_DELETION), or null. */
    public synchronized Instant scheduledFor(UUID tenantId) {
        return scheduled.get(tenantId);
    }

    public synchronized boolean restored(UUID tenantId) {
        return restored.contains(tenantId);
    }

    @Override
    public synchronized Removal removeAll(UUID userId, UUID runId) {
        forgetDeletedTenants();
        List<UUID> blocking = rows.stream().filter(r -> r.userId().equals(userId) && r.role() == TenantRole.OWNER)
                .map(Row::tenantId).toList();
        int before = rows.size();
        rows.removeIf(r -> r.userId().equals(userId) && r.role() != TenantRole.OWNER);
        return new Removal(before - rows.size(), blocking);
    }

    /** The user participant that a user job runs last: deletes the user's id from {@link #users}. */
    DeletionParticipant userRecordParticipant() {
        FakeTenancy tenancy = this;
        return new DeletionParticipant() {
            @Override
            public String service() {
                return JobPlan.USER_SERVICE;
            }

            @Override
            public DeletionPreview preview(DeletionSubject subject) {
                return new DeletionPreview(service(), subject.scope(), subject.id(),
                        Map.of("auth.users", tenancy.userExists(subject.id()) ? 1L : 0L), Map.of(), Map.of());
            }

            @Override
            public DeletionResult delete(DeletionSubject subject, java.util.UUID runId) {
                Instant now = Instant.now();
                long removed;
                synchronized (tenancy) {
                    removed = tenancy.users.remove(subject.id()) ? 1 : 0;
                }
                // The auth service's user row goes with it: the account is unknown from now on.
                FakeAccounts.INSTANCE.erase(subject.id());
                Map<String, Long> deleted = new LinkedHashMap<>();
                deleted.put("auth.users", removed);
                return new DeletionResult(service(), subject.scope(), subject.id(), deleted, Map.of(), Map.of(), List.of(),
                        now, now, 0);
            }
        };
    }
}
