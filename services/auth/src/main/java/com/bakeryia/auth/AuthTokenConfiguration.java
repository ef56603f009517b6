package com.bakeryia.auth;

import java.time.Clock;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.remote.ServiceTokenSource;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PlatformJwtDecoders;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.platform.security.ServiceClientCredentials;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What only the auth service's process has: the signing keys, token issuing, and (replacing the
 * platform's fetch of the published keys) a decoder over its own public keys and service tokens
 * minted locally instead of exchanged.
 */
@Configuration(proxyBeanMethods = false)
class AuthTokenConfiguration {

    @Bean
    SigningKeys authSigningKeys(SecurityProperties security, BakeryProperties bakery, Clock clock) {
        var file = security.jwtKeyFile() != null
                ? security.jwtKeyFile()
                : bakery.dataDir().resolve("keys").resolve("jwt-signing-key.json");
        return SigningKeys.loadOrCreate(file, security.signingKeyRotation(), security.longestTokenLifetime(), clock);
    }

    /** The current key; tests sign expired or foreign-issuer tokens with it. */
    @Bean
    JwtSigningKey jwtSigningKey(SigningKeys keys) {
        return keys.current();
    }

    @Bean
    JwtTokens jwtTokens(JwtSigningKey key, SecurityProperties security, Clock clock) {
        return new JwtTokens(key, security, clock);
    }

    @Bean
    JwtDecoder authLocalJwtDecoder(SigningKeys keys, SecurityProperties security, Clock clock) {
        return PlatformJwtDecoders.trusting(keys.publicKeys(), security, clock);
    }

    /** This process's own service tokens, for the platform client id, without a round trip. */
    @Bean
    ServiceTokenSource locallyMintedServiceTokens(JwtTokens tokens, ServiceClientCredentials platformClient) {
        return () -> tokens.issueServiceToken(platformClient.clientId());
    }
}
