package com.bakeryia.auth;

import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Slow, salted password hashing (BCrypt). Checking an unknown account still costs one hash
 * comparison, so response time does not reveal which emails have accounts.
 */
final class PasswordHasher {

    private final PasswordEncoder encoder;
    private final String decoy;

    PasswordHasher(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.decoy = encoder.encode("decoy-password-for-unknown-accounts");
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether the password matches; a password BCrypt cannot take (over 72 bytes) never does, at the same cost. */
    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > AuthController.MAX_PASSWORD_BYTES) {
            encoder.matches("decoy-password-for-unknown-accounts", decoy);
            return false;
        }
        return encoder.matches(password, hash == null ? decoy : hash) && hash != null;
    }
}
