package com.bakeryia.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.identity.PlatformRole;

/**
 * A user as the API shows it: never the password hash.
 *
 * @param status               ACTIVE, DISABLED, PENDING_DELETION (within the deletion window) or DELETING
 * @param deletionScheduledFor when a PENDING_DELETION account's erasure starts; absent otherwise
 * @param platformRoles        the roles the person holds on the platform as a whole, now: those a
 *                             service granted and OPERATOR while {@code bakery.auth.operators} names
 *                             the address (once verified); empty for most people
 * @param emailVerifiedAt      when the person proved the address theirs by following the link mailed
 *                             to it; absent until then, and again after the address changed
 */
record UserView(UUID id, String email, String fullName, String status, Instant createdAt, Instant deletionScheduledFor,
                List<PlatformRole> platformRoles, Instant emailVerifiedAt) {
}
