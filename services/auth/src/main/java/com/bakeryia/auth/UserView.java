package com.bakeryia.auth;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
record UserView(UUID id, String email, String fullName, String status, Instant createdAt) {
}
