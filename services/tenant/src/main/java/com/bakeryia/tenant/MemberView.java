package com.bakeryia.tenant;

import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.tenancy.TenantRole;

/**
 * A membership as the API shows it.
 *
 * @param since     when the user joined the tenant
 * @param roleSince when the user got the current role
 */
record MemberView(UUID userId, TenantRole role, Instant since, Instant roleSince) {
}
