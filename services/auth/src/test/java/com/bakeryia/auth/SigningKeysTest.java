package com.bakeryia.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PlatformJwtDecoders;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.security.SecurityProperties;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key file: creation, rotation at start, how long a retired key stays published, and the old single-key format. */
class SigningKeysTest {

    private static final Duration ROTATION = Duration.ofDays(90);
    private static final SecurityProperties SECURITY = new SecurityProperties(null, "bakery-auth",
            Duration.ofMinutes(15), Duration.ofMinutes(10), ROTATION);
    private static final Duration LONGEST = SECURITY.longestTokenLifetime();

    @TempDir
    Path directory;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void theFirstStartCreatesOneKeyAndLaterStartsBeforeRotationKeepIt() throws Exception {
        Path file = directory.resolve("keys").resolve("jwt-signing-key.json");

        SigningKeys first = load(file);
        clock.set(clock.instant().plus(ROTATION).minusSeconds(1));
        SigningKeys later = load(file);

        assertThat(first.publicKeys().getKeys()).hasSize(1);
        assertThat(later.current().rsaKey()).isEqualTo(first.current().rsaKey());
        assertThat(first.current().rsaKey().getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aDueKeyIsRetiredButStillVerifiesItsTokensUntilTheyHaveAllExpired() {
        Path file = directory.resolve("jwt-signing-key.json");
        SigningKeys before = load(file);
        Instant lastUse = clock.instant().plus(ROTATION).plusSeconds(3600);
        clock.set(lastUse);
        String oldToken = JwtTokens.sign(before.current(), SECURITY.issuer(), PrincipalKind.USER, "someone",
                lastUse, SECURITY.userTokenTtl()).value();

        SigningKeys rotated = load(file);

        String oldKeyId = before.current().rsaKey().getKeyID();
        assertThat(rotated.current().rsaKey().getKeyID()).isNotEqualTo(oldKeyId);
        assertThat(rotated.publicKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(rotated.current().rsaKey().getKeyID(), oldKeyId);
        assertThat(rotated.publicKeys().getKeyByKeyId(oldKeyId).getExpirationTime().toInstant())
                .isEqualTo(lastUse.plus(LONGEST));
        clock.set(lastUse.plus(SECURITY.userTokenTtl()).minusSeconds(1));
        assertThat(decoder(rotated).decode(oldToken).getSubject()).isEqualTo("someone");
        String newToken = new JwtTokens(rotated.current(), SECURITY, clock).issueServiceToken("ops").value();
        assertThat(decoder(rotated).decode(newToken).getSubject()).isEqualTo("ops");
    }

    @Test
    void aRetiredKeyIsDroppedOnceItsTokensCanNoLongerBeValid() {
        Path file = directory.resolve("jwt-signing-key.json");
        JwtSigningKey original = load(file).current();
        Instant retiredAt = clock.instant().plus(ROTATION);
        clock.set(retiredAt);
        SigningKeys rotated = load(file);

        clock.set(retiredAt.plus(LONGEST).minusSeconds(1));
        SigningKeys stillInWindow = load(file);
        clock.set(retiredAt.plus(LONGEST));
        SigningKeys afterWindow = load(file);

        assertThat(stillInWindow.publicKeys().getKeyByKeyId(original.rsaKey().getKeyID())).isNotNull();
        assertThat(afterWindow.publicKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(rotated.current().rsaKey().getKeyID());
        assertThat(afterWindow.current().rsaKey()).isEqualTo(rotated.current().rsaKey());
        // A token the dropped key signs is refused (here with a lifetime that would otherwise still be valid).
        String lateToken = JwtTokens.sign(original, SECURITY.issuer(), PrincipalKind.SERVICE, "ops",
                clock.instant(), Duration.ofMinutes(5)).value();
        assertThatThrownBy(() -> decoder(afterWindow).decode(lateToken)).isInstanceOf(JwtException.class);
    }

    @Test
    void aSingleKeyFileFromBeforeKeySetsIsUpgradedInPlaceAndKeepsItsKey() throws Exception {
        Path file = directory.resolve("jwt-signing-key.json");
        JwtSigningKey legacy = JwtSigningKey.generate();
        var legacyJson = new com.nimbusds.jose.jwk.RSAKey.Builder(legacy.rsaKey()).issueTime(null).build().toJSONString();
        Files.writeString(file, legacyJson);
        Instant written = clock.instant().minus(Duration.ofDays(10));
        Files.setLastModifiedTime(file, FileTime.from(written));
        String token = new JwtTokens(legacy, SECURITY, clock).issueUserToken(java.util.UUID.randomUUID()).value();

        SigningKeys upgraded = load(file);

        assertThat(upgraded.current().rsaKey().getKeyID()).isEqualTo(legacy.rsaKey().getKeyID());
        assertThat(upgraded.current().rsaKey().getIssueTime().toInstant()).isEqualTo(written);
        assertThat(decoder(upgraded).decode(token)).isNotNull();
        JWKSet onDisk = JWKSet.load(file.toFile());
        assertThat(onDisk.getKeys()).hasSize(1);
        assertThat(onDisk.getKeys().get(0).isPrivate()).isTrue();
        assertThat(load(file).current().rsaKey()).isEqualTo(upgraded.current().rsaKey());
    }

    @Test
    void theSetIsPublishedWithoutPrivateParts() {
        SigningKeys keys = load(directory.resolve("jwt-signing-key.json"));

        assertThat(keys.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
        assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
    }

    private SigningKeys load(Path file) {
        return SigningKeys.loadOrCreate(file, ROTATION, LONGEST, clock);
    }

    private JwtDecoder decoder(SigningKeys keys) {
        return PlatformJwtDecoders.trusting(keys.publicKeys(), SECURITY, clock);
    }

    /** A clock a test sets to any instant. */
    static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
