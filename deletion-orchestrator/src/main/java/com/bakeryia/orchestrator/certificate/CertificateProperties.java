package com.bakeryia.orchestrator.certificate;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of signed deletion certificates under {@code bakery.deletion.certificates.*}.
 *
 * @param issuer            the {@code iss} claim of every certificate; default {@code bakery-ia}
 * @param keyRotationPeriod age (by the database's clock) after which a replica reading the key set
 *                          creates a new key, which signs once every replica has published it; the
 *                          retired key stays in the table and in the published set for good, so the
 *                          certificates it signed keep verifying; default 365 days
 * @param keyFile           the key file of earlier versions (a JWK Set): the keys now live in
 *                          {@code deletion.certificate_keys}, and this file is imported on the first
 *                          start that finds it, then renamed {@code <file>.imported}; default
 *                          {@code <bakery.data-dir>/keys/deletion-certificate-keys.json}
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
