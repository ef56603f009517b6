package com.bakeryia.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.keys.KeyEncryptionKey;
import com.bakeryia.platform.keys.SharedSigningKeys;
import com.bakeryia.platform.security.JwtSigningKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth service's RSA keys, one set for every replica: rows of {@code auth.signing_keys}
 * ({@link SharedSigningKeys}), private parts sealed under the key-encryption key. Exactly one key is
 * current; it is published without {@code exp}.
 *
 * <p>Rotation: whichever replica finds the current key older than the rotation interval (by the
 * database's clock, when it reads the set, at start and every {@code bakery.keys.refresh-interval})
 * retires it and creates a new current key. Every replica publishes the new key at its next read,
 * and signs with it once it has been published for the publication lead (the refresh interval and
 * 5 s), so a token it signs verifies on every replica and at every process that fetched the set from
 * any of them. A retired key stays published until the longest token lifetime after its last
 * possible signature, then is dropped.
 *
 * <p>Upgrade: the key file of earlier versions ({@code bakery.security.jwt-key-file}, a JWK Set or
 * a single RSA JWK) is imported on the first start that finds it, then renamed
 * {@code <file>.imported}, so tokens signed before the upgrade keep verifying. A replica whose file
 * held another current key than the table's imports it as retired.
 */
final class SigningKeys implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    static final String TABLE = "auth.signing_keys";

    private final SharedSigningKeys shared;
    private volatile JwtSigningKey current;

    private SigningKeys(SharedSigningKeys shared) {
        this.shared = shared;
    }

    /** The key that signs new tokens now. */
    JwtSigningKey current() {
        JWK key = shared.signing();
        JwtSigningKey held = current;
        if (held == null || !held.rsaKey().getKeyID().equals(key.getKeyID())) {
            held = JwtSigningKey.of(key.toRSAKey());
            current = held;
        }
        return held;
    }

    /** The public parts of every published key, current first: what verifies tokens. */
    JWKSet publicKeys() {
        return shared.publicKeys();
    }

    /** The published keys, read again once when a token names a key id this replica does not hold. */
    JWKSource<SecurityContext> verificationKeys() {
        return shared.verificationKeys();
    }

    /** Reads the set again now (rotating when due), as the refresher does every interval. */
    void refresh() {
        shared.refresh();
    }

    /**
     * Imports {@code legacyFile} if it exists, reads the set (creating the first key or rotating a
     * due one) and keeps reading it every {@code refreshInterval}.
     *
     * @param rotation             age at which the current key is replaced
     * @param longestTokenLifetime how long a retired key must keep verifying the tokens it signed
     */
    static SigningKeys start(ServiceDatabase db, KeyEncryptionKey encryption, Path legacyFile, Duration rotation,
                             Duration longestTokenLifetime, Duration refreshInterval) {
        var policy = new SharedSigningKeys.Policy(TABLE, "JWT signing key", rotation, longestTokenLifetime,
                createdAt -> JwtSigningKey.generate(createdAt).rsaKey());
        List<SharedSigningKeys.ImportedKey> imports = Files.exists(legacyFile) ? readKeyFile(legacyFile) : List.of();
        var keys = new SigningKeys(SharedSigningKeys.start(db, encryption, policy, refreshInterval, imports));
        if (!imports.isEmpty()) {
            retireFile(legacyFile);
        }
        return keys;
    }

    /** The keys of a key file of earlier versions: a JWK Set, or a single RSA JWK (before key sets). */
    static List<SharedSigningKeys.ImportedKey> readKeyFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            Instant written = Files.getLastModifiedTime(file).toInstant();
            Map<String, Object> json = JSONObjectUtils.parse(content);
            List<JWK> keys = json.containsKey("keys") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
            List<SharedSigningKeys.ImportedKey> imports = new ArrayList<>();
            for (JWK key : keys) {
                if (!(key instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.getKeyID() == null) {
                    throw new IllegalStateException("JWT key file " + file + " holds a key that is not a private RSA key"
                            + " with a key id: " + key.getKeyID());
                }
                // Keys without iat (written before key sets) count as created when the file was last written.
                Instant createdAt = rsa.getIssueTime() != null ? rsa.getIssueTime().toInstant() : written;
                Instant expiresAt = rsa.getExpirationTime() == null ? null : rsa.getExpirationTime().toInstant();
                imports.add(new SharedSigningKeys.ImportedKey(new RSAKey.Builder(rsa).issueTime(null)
                        .expirationTime(null).build(), expiresAt == null, createdAt, expiresAt));
            }
            return imports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT key file " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("JWT key file " + file + " is not a valid JWK Set or RSA JWK: " + e.getMessage(), e);
        }
    }

    /** Renamed once imported, so a later start does not bring back keys the table has since dropped. */
    private static void retireFile(Path file) {
        Path imported = file.resolveSibling(file.getFileName() + ".imported");
        try {
            Files.move(file, imported);
            log.info("Imported the JWT key file {} into {}; it is kept as {} and no longer read", file, TABLE, imported);
        } catch (NoSuchFileException raced) {
            // Another process on this data directory imported and renamed it first.
        } catch (IOException e) {
            log.warn("Imported the JWT key file {} into {} but could not rename it: {}", file, TABLE, e.getMessage());
        }
    }

    @Override
    public void close() {
        shared.close();
    }
}
