package com.bakeryia.platform.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;

import com.bakeryia.platform.config.BakeryProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing with AES-GCM: only the same key and the same row open what was sealed; where the key comes from. */
class KeyEncryptionKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void whatIsSealedOpensOnlyWithTheSameKeyAndTheSameAssociatedData() {
        KeyEncryptionKey key = KeyEncryptionKey.generate();
        byte[] sealed = key.seal("{\"d\":\"secret\"}", "auth.signing_keys/k1");

        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(key.open(sealed, "auth.signing_keys/k1")).isEqualTo("{\"d\":\"secret\"}");
        assertThatThrownBy(() -> key.open(sealed, "auth.signing_keys/k2"))
                .isInstanceOf(KeyEncryptionKey.WrongKeyEncryptionKeyException.class);
        assertThatThrownBy(() -> KeyEncryptionKey.generate().open(sealed, "auth.signing_keys/k1"))
                .isInstanceOf(KeyEncryptionKey.WrongKeyEncryptionKeyException.class);
        assertThat(key.seal("same", "row")).isNotEqualTo(key.seal("same", "row"));
    }

    @Test
    void aConfiguredKeyMustBeBase64OfThirtyTwoBytes() {
        String good = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(KeyEncryptionKey.resolve(new KeysProperties(good, Duration.ofSeconds(15)), bakery()).origin())
                .isEqualTo("bakery.keys.encryption-key");
        assertThatThrownBy(() -> KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "k"))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("not base64!", "k")).hasMessageContaining("not base64");
        assertThat(Files.exists(dataDir.resolve("keys"))).isFalse();
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheDataDirectoryReadableByItsOwnerOnly() throws Exception {
        KeysProperties none = new KeysProperties(null, Duration.ofSeconds(15));
        KeyEncryptionKey first = KeyEncryptionKey.resolve(none, bakery());
        KeyEncryptionKey again = KeyEncryptionKey.resolve(none, bakery());

        Path file = dataDir.resolve("keys").resolve("key-encryption-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.open(first.seal("x", "row"), "row")).isEqualTo("x");
    }

    @Test
    void theRefreshIntervalIsBetweenOneAndThirtySeconds() {
        assertThatThrownBy(() -> new KeysProperties(null, Duration.ofSeconds(31))).hasMessageContaining("between 1s and 30s");
        assertThatThrownBy(() -> new KeysProperties(null, Duration.ofMillis(500))).hasMessageContaining("between 1s and 30s");
    }

    private BakeryProperties bakery() {
        return new BakeryProperties(dataDir, new BakeryProperties.Database(null, null, null, null), null);
    }
}
