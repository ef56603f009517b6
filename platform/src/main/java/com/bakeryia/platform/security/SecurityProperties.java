package com.bakeryia.platform.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings under {@code bakery.security.*}.
 *
 * @param jwtKeyFile          the key file of earlier versions (the auth service's RSA keys as a JWK Set):
 *                            the auth service now keeps its keys in the table {@code auth.signing_keys},
 *                            shared by every replica, and imports this file once, on the first start that
 *                            finds it, then renames it {@code <file>.imported}; default
 *                            {@code <bakery.data-dir>/keys/jwt-signing-key.json}
 * @param issuer              the {@code iss} claim of every token the platform issues and accepts
 * @param userTokenTtl        lifetime of a user access token
 * @param serviceTokenTtl     lifetime of a service token
 * @param signingKeyRotation  age (by the database's clock) after which a replica of the auth service,
 *                            when it reads the key set, replaces the signing key with a new one; the
 *                            retired key stays published, verifying the tokens it signed, for the longest
 *                            token lifetime after it stopped signing
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
