package com.bakeryia.orchestrator.certificate;

import java.nio.file.Path;
import java.time.Clock;

import com.bakeryia.platform.config.BakeryProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Signed deletion certificates in the orchestrator's process: its certificate keys (loaded, created
 * or rotated at start) and the signer that issuance uses. The public key set is served by the HTTP
 * API ({@code DeletionCertificateKeysController}).
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
}
