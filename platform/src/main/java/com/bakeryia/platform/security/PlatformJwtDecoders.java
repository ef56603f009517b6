package com.bakeryia.platform.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The token checks every process applies: RS256 signed by one of the auth service's keys, not
 * expired by the platform clock, and issued by {@link SecurityProperties#issuer()}.
 */
public final class PlatformJwtDecoders {

    /** Where the auth service publishes its public keys. */
    public static final String JWKS_PATH = "/api/v1/auth/jwks.json";

    /** How long a fetched key set is used before it is fetched again. */
    static final Duration CACHE_TTL = Duration.ofMinutes(5);

    /**
     * A token naming an unknown key id fetches the set again (a rotation), but at most twice per
     * interval, so tokens with made-up key ids cannot turn every request into a call to auth.
     */
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private PlatformJwtDecoders() {
    }

    /** Trusts exactly these keys (their public parts): the auth service's own process, and tests. */
    public static JwtDecoder trusting(JWKSet keys, SecurityProperties security, Clock clock) {
        var decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(keys.toPublicJWKSet())).build();
        return validated(decoder, security, clock);
    }

    /**
     * Trusts the keys the auth service at {@code authUrl} publishes. Nothing is fetched until the
     * first token arrives; the set is then cached for {@link #CACHE_TTL} and fetched again when a
     * token names a key id it does not hold (a rotation), rate-limited by {@link #MIN_REFETCH_INTERVAL}. While the auth service cannot be reached, tokens are refused as
     * invalid (401) rather than failing the request, and accepted once it answers.
     */
    public static JwtDecoder fromAuthService(URI authUrl, SecurityProperties security, Clock clock) {
        URL jwkSetUrl;
        try {
            jwkSetUrl = URI.create(authUrl.toString().replaceAll("/+$", "") + JWKS_PATH).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bakery.services.auth.url is not a valid URL: " + authUrl, e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwkSetUrl,
                        new DefaultResourceRetriever((int) FETCH_TIMEOUT.toMillis(), (int) FETCH_TIMEOUT.toMillis(), MAX_JWKS_BYTES))
                .cache(CACHE_TTL.toMillis(), FETCH_TIMEOUT.toMillis())
                .refreshAheadCache(false)
                .rateLimited(MIN_REFETCH_INTERVAL.toMillis())
                .retrying(false)
                .build();
        JwtDecoder checked = validated(NimbusJwtDecoder.withJwkSource(keys).build(), security, clock);
        return token -> {
            try {
                return checked.decode(token);
            } catch (BadJwtException invalid) {
                throw invalid;
            } catch (JwtException cannotVerifyYet) {
                throw new BadJwtException("The token cannot be verified now: " + cannotVerifyYet.getMessage(), cannotVerifyYet);
            }
        };
    }

    /** A decoder for a process that has no way to learn the auth service's keys: every token is refused. */
    public static JwtDecoder refusingAll(String reason) {
        return token -> {
            throw new BadJwtException(reason);
        };
    }

    private static JwtDecoder validated(NimbusJwtDecoder decoder, SecurityProperties security, Clock clock) {
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(timestamps, new JwtIssuerValidator(security.issuer())));
        return decoder;
    }
}
