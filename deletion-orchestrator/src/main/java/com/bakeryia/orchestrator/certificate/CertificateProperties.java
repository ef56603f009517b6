package com.bakeryia.orchestrator.certificate;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of signed deletion certificates under {@code bakery.deletion.certificates.*}.
 *
 * @param issuer            the {@code iss} claim of every certificate; default {@code bakery-ia}
 * @param keyRotationPeriod age after which the orchestrator, when it starts, signs with a new key;
 *                          the retired key stays in the file and in the published set for good, so
 *                          the certificates it signed keep verifying; default 365 days
 * @param keyFile           the signing keys as a JWK Set (JSON); read and written only by the process
 *                          that runs the orchestrator; default
 *                          {@code <bakery.data-dir>/keys/deletion-certificate-keys.json}, generated on
 *                          first start. Never the token-signing key file
 */
@ConfigurationProperties("bakery.deletion.certificates")
record CertificateProperties(
        @DefaultValue("bakery-ia") String issuer,
        @DefaultValue("365d") Duration keyRotationPeriod,
        Path keyFile) {

    CertificateProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("bakery.deletion.certificates.issuer must not be blank");
        }
        if (keyRotationPeriod == null || keyRotationPeriod.isNegative() || keyRotationPeriod.isZero()) {
            throw new IllegalArgumentException("bakery.deletion.certificates.key-rotation-period must be positive");
        }
    }
}
