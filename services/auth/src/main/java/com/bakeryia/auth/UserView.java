package com.bakeryia.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as the API shows it: never the password hash.
 *
 * @param status               ACTIVE, DISABLED, PENDING_DELETION (within the deletion window) or DELETING
 * @param deletionScheduledFor when a PENDING_DELETION account's erasure starts; absent otherwise
 */
record UserView(UUID id, String email, String fullName, String status, Instant createdAt, Instant deletionScheduledFor) {
}
