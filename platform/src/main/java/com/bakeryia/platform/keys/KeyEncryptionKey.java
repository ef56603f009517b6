package com.bakeryia.platform.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.security.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that seals the private parts of signing keys stored in a database (AES-GCM, a
 * random 96-bit nonce per sealing, the key's table and id as associated data, so a sealed key moved
 * to another row does not open). It is never written to the database: a dump of it alone signs
 * nothing.
 */
public final class KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String origin;

    private KeyEncryptionKey(byte[] key, String origin) {
        this.key = new SecretKeySpec(key, "AES");
        this.origin = origin;
    }

    /** A key given as base64 of 32 bytes (standard or URL alphabet). */
    public static KeyEncryptionKey fromBase64(String base64, String origin) {
        byte[] decoded;
        try {
            decoded = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(base64) : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + " is not base64: " + e.getMessage());
        }
        if (decoded.length != KEY_BYTES) {
            throw new IllegalArgumentException(origin + " must be 32 bytes (base64 of an AES-256 key, for example the"
                    + " output of `openssl rand -base64 32`), not " + decoded.length + " bytes.");
        }
        return new KeyEncryptionKey(decoded, origin);
    }

    /**
     * The configured {@code bakery.keys.encryption-key}, or else the one generated once into
     * {@code <data-dir>/keys/key-encryption-key}; says at start-up which is in force.
     */
    public static KeyEncryptionKey resolve(KeysProperties keys, BakeryProperties bakery) {
        if (keys.encryptionKey() != null) {
            log.info("Signing keys in the database are sealed under the key-encryption key from bakery.keys.encryption-key");
            return fromBase64(keys.encryptionKey(), "bakery.keys.encryption-key");
        }
        Path file = bakery.dataDir().resolve("keys").resolve("key-encryption-key");
        var read = OwnerOnlyFiles.readOrCreate(file, () -> {
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            return Base64.getEncoder().encodeToString(fresh) + "\n";
        });
        log.warn("Signing keys in the database are sealed under the key-encryption key {} {}: right for one process;"
                        + " replicas sharing this database must all be given one key as bakery.keys.encryption-key",
                read.created() ? "generated now into" : "read from", file.toAbsolutePath().normalize());
        return fromBase64(read.content().strip(), file.toString());
    }

    /** Generates a fresh key (tests, and the command that prints one). */
    public static KeyEncryptionKey generate() {
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return new KeyEncryptionKey(fresh, "a generated key");
    }

    /** Where this key came from, for messages: the property's name or the file's path. */
    public String origin() {
        return origin;
    }

    /** The nonce followed by the ciphertext and its tag. */
    public byte[] seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal with AES-GCM", e);
        }
    }

    /**
     * Opens what {@link #seal} made with the same associated data.
     *
     * @throws WrongKeyEncryptionKeyException when this key did not seal it (or the bytes were altered)
     */
    public String open(byte[] sealed, String associatedData) {
        if (sealed.length <= NONCE_BYTES) {
            throw new WrongKeyEncryptionKeyException("the sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new WrongKeyEncryptionKeyException("the key-encryption key " + origin + " did not seal it");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open with AES-GCM", e);
        }
    }

    /** A sealed key that this key-encryption key cannot open. */
    public static final class WrongKeyEncryptionKeyException extends IllegalStateException {
        WrongKeyEncryptionKeyException(String message) {
            super(message);
        }
    }
}
