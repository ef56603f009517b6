package com.bakeryia.orchestrator.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.security.OwnerOnlyFiles;
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
 * The keys that sign deletion certificates: EC P-256 (ES256) keys kept as a JWK Set file,
 * owner-readable only, that only the orchestrator reads and writes. They are not the auth service's
 * token keys: a certificate must keep verifying long after every token, and whoever holds the token
 * keys must not be able to issue certificates.
 *
 * <p>Exactly one key is current (it signs every new certificate): the newest by its JWK {@code iat},
 * the moment it was created. Rotation happens at load: a current key as old as the rotation period or
 * older is replaced by a new one. Retired keys are never dropped, neither from the file nor from the
 * published set: a certificate is evidence for as long as anyone keeps it, so every key that ever
 * signed one keeps verifying it.
 *
 * <p>Loading is serialised between processes by a lock file next to the key file (and within this
 * JVM by a monitor, a file lock being per process), so two orchestrators starting together neither
 * rotate twice nor overwrite each other; a missing file is created with {@link OwnerOnlyFiles#publish},
 * which never replaces one.
 */
public final class CertificateKeys {

    private static final Logger log = LoggerFactory.getLogger(CertificateKeys.class);

    private final ECKey current;
    private final JWKSet keys;

    private CertificateKeys(ECKey current, JWKSet keys) {
        this.current = current;
        this.keys = keys;
    }

    /** The key that signs new certificates, with its private part. */
    public ECKey current() {
        return current;
    }

    /** The public parts of every key that ever signed, current first, then newest first: what verifies certificates. */
    public JWKSet publicKeys() {
        return keys.toPublicJWKSet();
    }

    /**
     * Reads the key file, creating it on first use and rotating the current key when it is due.
     *
     * @param file     the JWK Set file; its directory is created when missing
     * @param rotation age at which the current key is replaced by a new one; positive
     * @param clock    what "now" is, for key creation times and rotation
     * @throws UncheckedIOException  when the file cannot be read or written
     * @throws IllegalStateException when the file holds something other than private P-256 keys with {@code iat}
     */
    public static CertificateKeys loadOrCreate(Path file, Duration rotation, Clock clock) {
        if (rotation.isNegative() || rotation.isZero()) {
            throw new IllegalArgumentException("The certificate key rotation period must be positive, not " + rotation);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            synchronized (CertificateKeys.class) {
                try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     var held = lock.lock()) {
                    return loadLocked(file, rotation, clock.instant());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the deletion certificate key file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static CertificateKeys loadLocked(Path file, Duration rotation, Instant now) throws IOException {
        if (!Files.exists(file) && OwnerOnlyFiles.publish(file, keySet(List.of(generate(now))))) {
            log.info("Generated a new deletion certificate signing key in {}", file);
        }
        List<ECKey> keys = parse(file, Files.readString(file, StandardCharsets.UTF_8));
        keys.sort(Comparator.comparing(CertificateKeys::createdAt).reversed());
        ECKey current = keys.get(0);
        if (!createdAt(current).plus(rotation).isAfter(now)) {
            ECKey fresh = generate(now);
            keys.add(0, fresh);
            OwnerOnlyFiles.replace(file, keySet(keys));
            log.info("Rotated the deletion certificate signing key in {}: {} signs from now on, {} keeps verifying"
                    + " what it signed", file, fresh.getKeyID(), current.getKeyID());
            current = fresh;
        }
        return new CertificateKeys(current, new JWKSet(List.<JWK>copyOf(keys)));
    }

    private static List<ECKey> parse(Path file, String content) {
        JWKSet set;
        try {
            set = JWKSet.parse(content);
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
        if (keys.isEmpty()) {
            throw new IllegalStateException("Deletion certificate key file " + file + " holds an empty key set");
        }
        return keys;
    }

    /**
     * A new P-256 key with a random key id. Its creation time is whole seconds, as JWK {@code iat}
     * is written, so the key read back from the file equals the one generated.
     */
    private static ECKey generate(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(now.truncatedTo(ChronoUnit.SECONDS))).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }

    private static Instant createdAt(ECKey key) {
        return key.getIssueTime().toInstant();
    }

    /** The set with private parts: only for the key file. */
    private static String keySet(List<ECKey> keys) {
        return new JWKSet(List.<JWK>copyOf(keys)).toString(false);
    }

}
