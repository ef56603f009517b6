package com.bakeryia.deletion;

import java.util.Objects;
import java.util.UUID;

/**
 * The tenant or user whose data is to be previewed or deleted.
 *
 * @param scope tenant or user
 * @param id    the tenant id or the user id
 */
public record DeletionSubject(DeletionScope scope, UUID id) {

    public DeletionSubject {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        if (isImpossible(id)) {
            throw new IllegalArgumentException("The nil UUID is the tombstone of erased users; it names no "
                    + scope.pathSegment() + " and cannot be deleted");
        }
    }

    /**
     * Whether no tenant or user can have this id: the nil UUID, which stands in for erased users in
     * data that stays. Deleting "it" would rewrite the tombstone to itself forever.
     */
    public static boolean isImpossible(UUID id) {
        return UserTombstone.ID.equals(id);
    }

    public static DeletionSubject tenant(UUID tenantId) {
        return new DeletionSubject(DeletionScope.TENANT, tenantId);
    }

    public static DeletionSubject user(UUID userId) {
        return new DeletionSubject(DeletionScope.USER, userId);
    }

    @Override
    public String toString() {
        return scope.pathSegment() + " " + id;
    }
}
