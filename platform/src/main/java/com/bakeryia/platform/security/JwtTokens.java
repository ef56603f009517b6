package com.bakeryia.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Issues the platform's access tokens: RS256 JWTs with {@code sub}, {@code kind}, a key id and an
 * expiry. A bean only where the auth service runs (it holds the signing key); the type lives in
 * the platform because the token format is shared and tests of other modules sign with it.
 */
public class JwtTokens {

    /** The claim that says which kind of principal the token stands for. */
    public static final String KIND_CLAIM = "kind";

    private final Supplier<JwtSigningKey> signingKey;
    private final SecurityProperties properties;
    private final Clock clock;

    /** Signs with this one key (tests). */
    public JwtTokens(JwtSigningKey signingKey, SecurityProperties properties, Clock clock) {
        this(() -> signingKey, properties, clock);
    }

    /** Signs each token with the key {@code signingKey} answers then: the current one, whichever replica rotated it. */
    public JwtTokens(Supplier<JwtSigningKey> signingKey, SecurityProperties properties, Clock clock) {
        this.signingKey = signingKey;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token issued to a service or operator. */
    public IssuedToken issueServiceToken(String clientId) {
        return issue(PrincipalKind.SERVICE, clientId, properties.serviceTokenTtl());
    }

    /** A token issued to a user. */
    public IssuedToken issueUserToken(UUID userId) {
        return issue(PrincipalKind.USER, userId.toString(), properties.userTokenTtl());
    }

    public IssuedToken issue(PrincipalKind kind, String subject, Duration ttl) {
        return sign(signingKey.get(), properties.issuer(), kind, subject, clock.instant(), ttl);
    }

    /** Signs a token with any key: the platform's own issuing uses this, and so do tests of rejection. */
    public static IssuedToken sign(JwtSigningKey key, String issuer, PrincipalKind kind, String subject,
                                   Instant issuedAt, Duration ttl) {
        Instant expiresAt = issuedAt.plus(ttl);
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim(KIND_CLAIM, kind.claim())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.rsaKey().getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key.rsaKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt, ttl);
    }

    /**
     * A signed token and when it expires.
     *
     * @param value     the compact JWT
     * @param expiresAt its expiry
     * @param lifetime  how long it was issued for
     */
    public record IssuedToken(String value, Instant expiresAt, Duration lifetime) {
    }
}
