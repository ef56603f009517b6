package com.bakeryia.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth service's RSA signing key, kept as a JWK file. When the file does not exist it is
 * generated once (readable by the owner only), so tokens stay valid across restarts.
 */
public final class JwtSigningKey {

    private static final Logger log = LoggerFactory.getLogger(JwtSigningKey.class);

    private final RSAKey key;

    private JwtSigningKey(RSAKey key) {
        this.key = key;
    }

    public static JwtSigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IllegalStateException("JWT key file " + file + " holds no private key");
            }
            return new JwtSigningKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read JWT key file " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("JWT key file " + file + " is not a valid RSA JWK: " + e.getMessage(), e);
        }
    }

    /** A fresh in-memory key, for tests that need tokens signed by a key the platform does not trust. */
    public static JwtSigningKey generate() {
        return new JwtSigningKey(newKey());
    }

    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "jwt-key", ".tmp");
        try {
            trySetOwnerOnly(temporary);
            Files.writeString(temporary, newKey().toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            log.info("Generated a new JWT signing key in {}", file);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; use theirs.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: keep the default permissions.
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
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
