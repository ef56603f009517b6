package com.bakeryia.orchestrator.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.keys.KeyEncryptionKey;
import com.bakeryia.platform.keys.SharedSigningKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that sign deletion certificates: EC P-256 (ES256) keys, one set for every orchestrator
 * replica, kept in {@code deletion.certificate_keys} ({@link SharedSigningKeys}) with their private
 * parts sealed under the key-encryption key. They are not the auth service's token keys: a
 * certificate must keep verifying long after every token, and whoever holds the token keys must not
 * be able to issue certificates.
 *
 * <p>Exactly one key is current. Whichever replica finds it as old as the rotation period or older
 * (by the database's clock, when it reads the set: at start and every
 * {@code bakery.keys.refresh-interval}) replaces it; every replica publishes the new key at its next
 * read and signs with it once it has been published for the publication lead, so a certificate from
 * any replica verifies against the JWK Set of every other. Retired keys are never dropped: a
 * certificate is evidence for as long as anyone keeps it, so every key that ever signed one keeps
 * verifying it.
 *
 * <p>The key file of earlier versions ({@code bakery.deletion.certificates.key-file}) is imported on
 * the first start that finds it, then renamed {@code <file>.imported}.
 */
public final class CertificateKeys implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CertificateKeys.class);

    static final String TABLE = "deletion.certificate_keys";

    /** The shared set; null for a set held in memory ({@link #inMemory}). */
    private final SharedSigningKeys shared;
    private final ECKey fixedCurrent;

    private CertificateKeys(SharedSigningKeys shared, ECKey fixedCurrent) {
        this.shared = shared;
        this.fixedCurrent = fixedCurrent;
    }

    /**
     * One key held in memory, shared with nobody and never rotated: for tests and tools that sign
     * certificates outside a running orchestrator.
     */
    public static CertificateKeys inMemory(ECKey key) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("A certificate signing key needs its private part: " + key.getKeyID());
        }
        return new CertificateKeys(null, key);
    }

    /** The key that signs new certificates now, with its private part. */
    public ECKey current() {
        return shared == null ? fixedCurrent : shared.signing().toECKey();
    }

    /** The public parts of every key that ever signed, newest first: what verifies certificates. */
    public JWKSet publicKeys() {
        return shared == null ? new JWKSet(fixedCurrent.toPublicJWK()) : shared.publicKeys();
    }

    /**
     * The published keys, read again first when {@code kid} is not among them (a key another
     * replica has just created), at most once a second.
     */
    public JWKSet publicKeysWith(String kid) {
        if (shared != null) {
            shared.refreshForUnknownKey(kid);
        }
        return publicKeys();
    }

    /** Reads the set again now (rotating when due), as the refresher does every interval. */
    public void refresh() {
        if (shared != null) {
            shared.refresh();
        }
    }

    /**
     * Imports {@code legacyFile} if it exists, reads the set (creating the first key, or rotating a
     * due one) and keeps reading it every {@code refreshInterval}.
     *
     * @param rotation age at which the current key is replaced by a new one; positive
     */
    public static CertificateKeys start(ServiceDatabase db, KeyEncryptionKey encryption, Path legacyFile,
                                        Duration rotation, Duration refreshInterval) {
        var policy = new SharedSigningKeys.Policy(TABLE, "deletion certificate signing key", rotation, null,
                CertificateKeys::generate);
        List<SharedSigningKeys.ImportedKey> imports = Files.exists(legacyFile) ? readKeyFile(legacyFile) : List.of();
        var keys = new CertificateKeys(SharedSigningKeys.start(db, encryption, policy, refreshInterval, imports), null);
        if (!imports.isEmpty()) {
            Path imported = legacyFile.resolveSibling(legacyFile.getFileName() + ".imported");
            try {
                Files.move(legacyFile, imported);
                log.info("Imported the deletion certificate key file {} into {}; it is kept as {} and no longer read",
                        legacyFile, TABLE, imported);
            } catch (NoSuchFileException raced) {
                // Another process on this data directory imported and renamed it first.
            } catch (IOException e) {
                log.warn("Imported {} into {} but could not rename it: {}", legacyFile, TABLE, e.getMessage());
            }
        }
        return keys;
    }

    /** The keys of a key file of earlier versions: private P-256 keys with kid and iat; the newest signed. */
    static List<SharedSigningKeys.ImportedKey> readKeyFile(Path file) {
        JWKSet set;
        try {
            set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the deletion certificate key file " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("Deletion certificate key file " + file + " is not a valid JWK Set: "
                    + e.getMessage(), e);
        }
        List<ECKey> keys = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            if (!(key instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())
                    || ec.getIssueTime() == null || ec.getKeyID() == null) {
                throw new IllegalStateException("Deletion certificate key file " + file + " holds a key that is not"
                        + " a private P-256 key with kid and iat: " + key.getKeyID());
            }
            keys.add(ec);
        }
        keys.sort(Comparator.comparing((ECKey key) -> key.getIssueTime()).reversed());
        List<SharedSigningKeys.ImportedKey> imports = new ArrayList<>();
        for (ECKey key : keys) {
            imports.add(new SharedSigningKeys.ImportedKey(key, imports.isEmpty(), key.getIssueTime().toInstant(), null));
        }
        return imports;
    }

    /**
     * A new P-256 key with a random key id. Its creation time is whole seconds, as JWK {@code iat}
     * is written.
     */
    public static ECKey generate(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(now.truncatedTo(ChronoUnit.SECONDS))).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
