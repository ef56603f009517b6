package com.bakeryia.platform.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The token checks every process applies: RS256 signed by one of the auth service's keys, not
 * expired by the platform clock, and issued by {@link SecurityProperties#issuer()}.
 */
public final class PlatformJwtDecoders {

    /** Where the auth service publishes its public keys. */
    public static final String JWKS_PATH = "/api/v1/auth/jwks.json";

    private PlatformJwtDecoders() {
    }

    /** Trusts exactly these keys (their public parts): the auth service's own process, and tests. */
    public static JwtDecoder trusting(JWKSet keys, SecurityProperties security, Clock clock) {
        var decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(keys.toPublicJWKSet())).build();
        return validated(decoder, security, clock);
    }

    /**
     * Trusts the keys the auth service at {@code authUrl} publishes. Nothing is fetched until the
     * first token arrives; the set is then cached and fetched again when a token names a key id it
     * does not hold (a rotation). While the auth service cannot be reached, tokens are refused as
     * invalid (401) rather than failing the request, and accepted once it answers.
     */
    public static JwtDecoder fromAuthService(URI authUrl, SecurityProperties security, Clock clock) {
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(5));
        requestFactory.setReadTimeout(Duration.ofSeconds(5));
        String jwkSetUri = authUrl.toString().replaceAll("/+$", "") + JWKS_PATH;
        var decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).restOperations(new RestTemplate(requestFactory)).build();
        JwtDecoder checked = validated(decoder, security, clock);
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
