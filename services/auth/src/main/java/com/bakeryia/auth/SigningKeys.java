package com.bakeryia.auth;

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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.OwnerOnlyFiles;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth service's RSA keys, kept as a JWK Set file (owner-readable only) that only the auth
 * service reads and writes. Exactly one key is current: it signs every token and has no JWK
 * {@code exp}. Each key's {@code iat} says when it was created.
 *
 * <p>Rotation happens when the auth service starts: a current key older than the rotation
 * interval is retired and a new key becomes current. A retired key keeps its private part in the
 * file but signs nothing; it stays published (so the tokens it signed still verify) until its
 * {@code exp}, set at retirement to the longest token lifetime after the moment it stopped
 * signing, and is dropped from the file at the first start after that. Measuring from retirement
 * rather than from creation keeps a key that signed for longer than the rotation interval (the
 * service ran without restarting) published exactly as long as its last tokens live.
 *
 * <p>A file from before key sets (a single RSA JWK) is upgraded in place, its creation time taken
 * from the file's modification time. Loading is serialised between processes by a lock file next
 * to the key file, so two auth processes starting together neither rotate twice nor overwrite each
 * other; a missing file is created with {@link OwnerOnlyFiles#publish}, which never replaces one.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JwtSigningKey current;
    private final JWKSet keys;

    private SigningKeys(JwtSigningKey current, JWKSet keys) {
        this.current = current;
        this.keys = keys;
    }

    /** The key that signs new tokens. */
    JwtSigningKey current() {
        return current;
    }

    /** The public parts of every published key, current first: what verifies tokens. */
    JWKSet publicKeys() {
        return keys.toPublicJWKSet();
    }

    /**
     * Reads the key file, creating it, upgrading it, dropping expired keys and rotating as due.
     *
     * @param rotation             age at which the current key is replaced
     * @param longestTokenLifetime how long a retired key must keep verifying the tokens it signed
     */
    static SigningKeys loadOrCreate(Path file, Duration rotation, Duration longestTokenLifetime, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            // One loader per JVM (a FileLock is per process) and one per file system (the FileLock).
            synchronized (SigningKeys.class) {
                try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     var held = lock.lock()) {
                    return loadLocked(file, rotation, longestTokenLifetime, clock.instant());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the JWT key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static SigningKeys loadLocked(Path file, Duration rotation, Duration longestTokenLifetime, Instant now)
            throws IOException {
        if (!Files.exists(file) && OwnerOnlyFiles.publish(file, keySet(List.of(JwtSigningKey.generate(now).rsaKey())))) {
            log.info("Generated a new JWT signing key in {}", file);
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<RSAKey> keys = new ArrayList<>();
        boolean changed = parse(file, content, keys);

        List<RSAKey> signing = keys.stream().filter(key -> key.getExpirationTime() == null).toList();
        if (signing.size() != 1) {
            throw new IllegalStateException("JWT key file " + file + " must hold exactly one current key (one without exp), "
                    + "not " + signing.size());
        }
        RSAKey current = signing.get(0);
        changed |= keys.removeIf(key -> key.getExpirationTime() != null && !key.getExpirationTime().toInstant().isAfter(now));

        if (!createdAt(current).plus(rotation).isAfter(now)) {
            RSAKey retired = new RSAKey.Builder(current).expirationTime(Date.from(now.plus(longestTokenLifetime))).build();
            RSAKey fresh = JwtSigningKey.generate(now).rsaKey();
            keys.remove(current);
            keys.add(0, retired);
            keys.add(0, fresh);
            current = fresh;
            changed = true;
            log.info("Rotated the JWT signing key in {}: {} signs from now on, {} stays published until {}",
                    file, fresh.getKeyID(), retired.getKeyID(), retired.getExpirationTime().toInstant());
        } else {
            keys.remove(current);
            keys.add(0, current);
        }
        if (changed) {
            OwnerOnlyFiles.replace(file, keySet(keys));
        }
        return new SigningKeys(JwtSigningKey.of(current), new JWKSet(List.<JWK>copyOf(keys)));
    }

    /** Fills {@code keys} from the file; true when the file needs rewriting (a single key to upgrade). */
    private static boolean parse(Path file, String content, List<RSAKey> keys) throws IOException {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(content);
            if (json.containsKey("keys")) {
                for (JWK key : JWKSet.parse(json).getKeys()) {
                    keys.add(requirePrivate(file, key));
                }
                if (keys.isEmpty()) {
                    throw new IllegalStateException("JWT key file " + file + " holds an empty key set");
                }
                return keys.stream().anyMatch(key -> key.getIssueTime() == null) && setMissingCreationTimes(file, keys);
            }
            keys.add(requirePrivate(file, JWK.parse(json)));
            setMissingCreationTimes(file, keys);
            log.info("Upgrading the single-key JWT key file {} to a key set", file);
            return true;
        } catch (ParseException e) {
            throw new IllegalStateException("JWT key file " + file + " is not a valid JWK Set or RSA JWK: " + e.getMessage(), e);
        }
    }

    private static RSAKey requirePrivate(Path file, JWK key) {
        if (!(key instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw new IllegalStateException("JWT key file " + file + " holds a key that is not a private RSA key: "
                    + key.getKeyID());
        }
        return rsa;
    }

    /** Keys without {@code iat} (written before key sets) count as created when the file was last written. */
    private static boolean setMissingCreationTimes(Path file, List<RSAKey> keys) throws IOException {
        Date written = Date.from(Files.getLastModifiedTime(file).toInstant());
        keys.replaceAll(key -> key.getIssueTime() != null ? key : new RSAKey.Builder(key).issueTime(written).build());
        return true;
    }

    private static Instant createdAt(RSAKey key) {
        return key.getIssueTime().toInstant();
    }

    /** The set with private parts: only for the key file. */
    private static String keySet(List<RSAKey> keys) {
        return new JWKSet(List.<JWK>copyOf(keys)).toString(false);
    }

}
