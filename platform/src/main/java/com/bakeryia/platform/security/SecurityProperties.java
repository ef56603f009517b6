package com.bakeryia.platform.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings under {@code bakery.security.*}.
 *
 * @param jwtKeyFile       the auth service's RSA signing key as a JWK (JSON); default
 *                         {@code <bakery.data-dir>/keys/jwt-signing-key.json}, generated on first start
 * @param issuer           the {@code iss} claim of every token the platform issues and accepts
 * @param userTokenTtl     lifetime of a user access token
 * @param serviceTokenTtl  lifetime of a service token
 */
@ConfigurationProperties("bakery.security")
public record SecurityProperties(
        Path jwtKeyFile,
        @DefaultValue("bakery-auth") String issuer,
        @DefaultValue("15m") Duration userTokenTtl,
        @DefaultValue("10m") Duration serviceTokenTtl) {
}
