package com.bakeryia.auth;

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

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash == null ? decoy : hash) && hash != null;
    }
}
