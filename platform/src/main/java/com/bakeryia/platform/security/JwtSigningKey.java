package com.bakeryia.platform.security;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * An RSA private key that signs tokens. In a deployment only the auth service holds one (it keeps
 * it in its key file); every other process verifies with the public keys the auth service
 * publishes. Tests use {@link #generate()} for keys the platform does not trust.
 */
public final class JwtSigningKey {

    private final RSAKey key;

    private JwtSigningKey(RSAKey key) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("A signing key needs its private part: " + key.getKeyID());
        }
        this.key = key;
    }

    public static JwtSigningKey of(RSAKey key) {
        return new JwtSigningKey(key);
    }

    /** A fresh in-memory key with a random key id. */
    public static JwtSigningKey generate() {
        return generate(Instant.now());
    }

    /** A fresh 2048-bit key with a random key id whose JWK {@code iat} says when it was created. */
    public static JwtSigningKey generate(Instant createdAt) {
        try {
            return new JwtSigningKey(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(createdAt)).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    public RSAKey rsaKey() {
        return key;
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }
}
