package com.bakeryia.platform.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings under {@code bakery.security.*}.
 *
 * @param jwtKeyFile          the auth service's RSA signing keys as a JWK Set (JSON); read and written
 *                            only by the process that runs auth; default
 *                            {@code <bakery.data-dir>/keys/jwt-signing-key.json}, generated on first start
 * @param issuer              the {@code iss} claim of every token the platform issues and accepts
 * @param userTokenTtl        lifetime of a user access token
 * @param serviceTokenTtl     lifetime of a service token
 * @param signingKeyRotation  age after which the auth service, when it starts, replaces its signing
 *                            key with a new one; the retired key stays published, verifying the tokens
 *                            it signed, for the longest token lifetime after it stopped signing
 */
@ConfigurationProperties("bakery.security")
public record SecurityProperties(
        Path jwtKeyFile,
        @DefaultValue("bakery-auth") String issuer,
        @DefaultValue("15m") Duration userTokenTtl,
        @DefaultValue("10m") Duration serviceTokenTtl,
        @DefaultValue("90d") Duration signingKeyRotation) {

    /** How long after a key stops signing a token it signed can still be valid. */
    public Duration longestTokenLifetime() {
        return userTokenTtl.compareTo(serviceTokenTtl) >= 0 ? userTokenTtl : serviceTokenTtl;
    }
}
