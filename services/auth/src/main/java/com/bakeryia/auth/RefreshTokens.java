package com.bakeryia.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens: random 256-bit values handed out once and stored only as SHA-256 hashes. Each
 * is used once: refreshing revokes it and issues a successor. Presenting an already revoked token
 * is treated as theft (RFC 9700 §4.14) and revokes every token of that user.
 */
@Component
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceDatabase db;
    private final AuthProperties properties;
    private final Clock clock;

    RefreshTokens(@Qualifier("auth") ServiceDatabase db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    String issue(UUID userId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        db.jdbc().update("insert into auth.refresh_tokens (id, user_id, token_hash, issued_at, expires_at)"
                        + " values (?, ?, ?, ?, ?)", UUID.randomUUID(), userId, hash(token), Timestamp.from(now),
                Timestamp.from(now.plus(properties.refreshTokenTtl())));
        return token;
    }

    /** Revokes the presented token and answers its user, or empty when it is unknown, expired or revoked. */
    Optional<UUID> redeem(String token) {
        return db.transactions().execute(status -> {
            Instant now = clock.instant();
            List<StoredToken> found = db.jdbc().query("select id, user_id, expires_at, revoked_at"
                    + " from auth.refresh_tokens where token_hash = ? for update",
                    (row, i) -> new StoredToken(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class),
                            row.getTimestamp("expires_at").toInstant(), row.getTimestamp("revoked_at") != null),
                    hash(token));
            if (found.isEmpty()) {
                return Optional.<UUID>empty();
            }
            StoredToken stored = found.get(0);
            if (stored.revoked()) {
                db.jdbc().update("update auth.refresh_tokens set revoked_at = ? where user_id = ? and revoked_at is null",
                        Timestamp.from(now), stored.userId());
                return Optional.<UUID>empty();
            }
            if (!stored.expiresAt().isAfter(now)) {
                return Optional.<UUID>empty();
            }
            db.jdbc().update("update auth.refresh_tokens set revoked_at = ? where id = ?", Timestamp.from(now), stored.id());
            return Optional.of(stored.userId());
        });
    }

    /** Revokes the token if it is known and still live; unknown tokens are ignored (logout is idempotent). */
    void revoke(String token) {
        db.jdbc().update("update auth.refresh_tokens set revoked_at = ? where token_hash = ? and revoked_at is null",
                Timestamp.from(clock.instant()), hash(token));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record StoredToken(UUID id, UUID userId, Instant expiresAt, boolean revoked) {
    }
}
