package com.bakeryia.auth;

import java.time.Clock;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.keys.KeyEncryptionKey;
import com.bakeryia.platform.keys.KeysProperties;
import com.bakeryia.platform.remote.ServiceTokenSource;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PlatformJwtDecoders;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.platform.security.ServiceClientCredentials;

import org.springframework.beans.factory.annotation.Qualifier;
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

    /** The key set every replica of the auth service shares, read from the auth schema and kept fresh. */
    @Bean(destroyMethod = "close")
    SigningKeys authSigningKeys(@Qualifier("auth") ServiceDatabase db, KeyEncryptionKey encryption, KeysProperties keys,
                                SecurityProperties security, BakeryProperties bakery) {
        var legacyFile = security.jwtKeyFile() != null
                ? security.jwtKeyFile()
                : bakery.dataDir().resolve("keys").resolve("jwt-signing-key.json");
        return SigningKeys.start(db, encryption, legacyFile, security.signingKeyRotation(), security.longestTokenLifetime(),
                keys.refreshInterval());
    }

    /**
     * The key that was current when this process started; tests sign expired or foreign-issuer
     * tokens with it. Issuing always signs with the key current at that moment.
     */
    @Bean
    JwtSigningKey jwtSigningKey(SigningKeys keys) {
        return keys.current();
    }

    @Bean
    JwtTokens jwtTokens(SigningKeys keys, SecurityProperties security, Clock clock) {
        return new JwtTokens(keys::current, security, clock);
    }

    @Bean
    JwtDecoder authLocalJwtDecoder(SigningKeys keys, SecurityProperties security, Clock clock) {
        return PlatformJwtDecoders.trusting(keys.verificationKeys(), security, clock);
    }

    /** This process's own service tokens, for the platform client id, without a round trip. */
    @Bean
    ServiceTokenSource locallyMintedServiceTokens(JwtTokens tokens, ServiceClientCredentials platformClient) {
        return () -> tokens.issueServiceToken(platformClient.clientId());
    }
}
