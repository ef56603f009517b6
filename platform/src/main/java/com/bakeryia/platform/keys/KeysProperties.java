package com.bakeryia.platform.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the signing keys kept in the database, under {@code bakery.keys.*}.
 *
 * @param encryptionKey   the key-encryption key (AES-256, base64 of 32 bytes) that seals the private
 *                        parts of the auth service's token keys and of the deletion-certificate keys
 *                        in their tables; every replica of a target must be given the same one. When
 *                        absent, a key is generated once into {@code <bakery.data-dir>/keys/key-encryption-key}
 *                        (right for one process on the embedded PostgreSQL; replicas with their own
 *                        data directories then cannot open each other's keys and stop at start-up
 *                        saying so)
 * @param refreshInterval how often each replica reads the key set again (and rotates it when due), so
 *                        a rotation by any replica is used and published by all within this interval;
 *                        between 1 s and 30 s, default 15 s. A token or certificate naming a key id the
 *                        replica does not hold also reads the set again at once (at most once a second)
 */
@ConfigurationProperties("bakery.keys")
public record KeysProperties(
        String encryptionKey,
        @DefaultValue("15s") Duration refreshInterval) {

    public KeysProperties {
        if (refreshInterval == null || refreshInterval.compareTo(Duration.ofSeconds(1)) < 0
                || refreshInterval.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("bakery.keys.refresh-interval must be between 1s and 30s (a rotation must"
                    + " reach every replica within a minute), not " + refreshInterval + ".");
        }
        encryptionKey = encryptionKey == null || encryptionKey.isBlank() ? null : encryptionKey.strip();
    }
}
