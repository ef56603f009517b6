package com.bakeryia.orchestrator.certificate;

import java.nio.file.Path;
import java.time.Clock;

import com.bakeryia.orchestrator.api.DeletionCertificateKeysController;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.security.PublicPaths;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Signed deletion certificates in the orchestrator's process: its certificate keys (loaded, created
 * or rotated at start), the signer that issuance uses, and the public key set, served without a token
 * (and so rate-limited per client address, as every public path is).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CertificateProperties.class)
public class DeletionCertificateConfiguration {

    @Bean
    CertificateKeys deletionCertificateKeys(CertificateProperties properties, BakeryProperties bakery, Clock clock) {
        Path file = properties.keyFile() != null
                ? properties.keyFile()
                : bakery.dataDir().resolve("keys").resolve("deletion-certificate-keys.json");
        return CertificateKeys.loadOrCreate(file, properties.keyRotationPeriod(), clock);
    }

    @Bean
    DeletionCertificateSigner deletionCertificateSigner(CertificateKeys keys, CertificateProperties properties) {
        return new DeletionCertificateSigner(keys, properties.issuer());
    }

    @Bean
    DeletionCertificateKeysController deletionCertificateKeysController(CertificateKeys keys) {
        return new DeletionCertificateKeysController(keys);
    }

    /** Anyone must be able to check a certificate, so its keys need no token. */
    @Bean
    PublicPaths deletionCertificatePublicPaths() {
        return PublicPaths.of(DeletionCertificateKeysController.JWKS_PATH);
    }
}
