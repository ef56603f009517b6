package com.bakeryia.platform.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.BadJWTException;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
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

    /** A token that is not a JWT at all (not three base64url parts of JSON). */
    public static final String MALFORMED = "The bearer token is malformed.";

    /** A token whose {@code exp} has passed by the platform clock. */
    public static final String EXPIRED = "The bearer token is expired.";

    /** A token no key of the auth service verifies. */
    public static final String UNKNOWN_KEY = "The bearer token is signed by an unknown key.";

    /** Any other token refused: another issuer, not valid yet, an unsupported algorithm. */
    public static final String INVALID = "The bearer token is invalid.";

    /** A token that cannot be checked while the auth service's keys cannot be fetched. */
    public static final String UNVERIFIABLE = "The bearer token cannot be verified now; try again shortly.";

    /** Every message a refused token gets; nothing else of the decoder reaches the caller. */
    public static final Set<String> REFUSALS = Set.of(MALFORMED, EXPIRED, UNKNOWN_KEY, INVALID, UNVERIFIABLE);

    private PlatformJwtDecoders() {
    }

    /** Trusts exactly these keys (their public parts): the auth service's own process, and tests. */
    public static JwtDecoder trusting(JWKSet keys, SecurityProperties security, Clock clock) {
        var decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(keys.toPublicJWKSet())).build();
        return validated(decoder, security, clock);
    }

    /**
     * Trusts the keys {@code keys} selects: the auth service's own process, whose source is the
     * shared key set (read again once when a token names a key id it does not hold).
     */
    public static JwtDecoder trusting(JWKSource<SecurityContext> keys, SecurityProperties security, Clock clock) {
        return validated(NimbusJwtDecoder.withJwkSource(keys).build(), security, clock);
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
        return validated(NimbusJwtDecoder.withJwkSource(keys).build(), security, clock);
    }

    /** A decoder for a process that has no way to learn the auth service's keys: every token is refused. */
    public static JwtDecoder refusingAll(String reason) {
        return token -> {
            throw new BadJwtException(reason);
        };
    }

    /**
     * Every refusal is a {@link BadJwtException} (401, never a 500) whose message is one of the
     * plain {@link #REFUSALS}, which the caller reads in the problem detail and in
     * {@code WWW-Authenticate}; the library's own wording stays in the cause, for the logs.
     */
    private static JwtDecoder validated(NimbusJwtDecoder decoder, SecurityProperties security, Clock clock) {
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(notExpired(clock), new JwtIssuerValidator(security.issuer())));
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtException refused) {
                throw new BadJwtException(refusal(refused), refused);
            }
        };
    }

    /** The timestamp checks, telling an expired token apart from one not valid yet. */
    private static OAuth2TokenValidator<Jwt> notExpired(Clock clock) {
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        return jwt -> {
            OAuth2TokenValidatorResult checked = timestamps.validate(jwt);
            if (!checked.hasErrors()) {
                return checked;
            }
            boolean expired = jwt.getExpiresAt() != null && clock.instant().isAfter(jwt.getExpiresAt());
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, expired ? EXPIRED : INVALID, null));
        };
    }

    /** Which of the {@link #REFUSALS} a decoder's failure is. */
    static String refusal(JwtException refused) {
        if (refused instanceof JwtValidationException invalid) {
            return invalid.getErrors().stream().map(OAuth2Error::getDescription).filter(EXPIRED::equals).findFirst()
                    .orElse(INVALID);
        }
        if (causedBy(refused, RateLimitReachedException.class)) {
            // It names a key id the set we hold lacks, and the set was fetched again only just now.
            return UNKNOWN_KEY;
        }
        if (!(refused instanceof BadJwtException)) {
            // The keys could not be fetched or used (the auth service is unreachable): a token that may verify later.
            return UNVERIFIABLE;
        }
        if (causedBy(refused, ParseException.class)) {
            return MALFORMED;
        }
        if (causedBy(refused, BadJOSEException.class) && !causedBy(refused, BadJWTException.class)) {
            // No key of ours matches the token's header, or none verifies its signature.
            return UNKNOWN_KEY;
        }
        return INVALID;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
