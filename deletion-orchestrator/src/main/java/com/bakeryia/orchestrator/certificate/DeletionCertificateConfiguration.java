package com.bakeryia.orchestrator.certificate;

import java.nio.file.Path;

import com.bakeryia.orchestrator.DeletionOrchestratorConfiguration;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.keys.KeyEncryptionKey;
import com.bakeryia.platform.keys.KeysProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Signed deletion certificates in the orchestrator's process: its certificate keys (shared by every
 * replica through the deletion schema) and the signer that issuance uses. The public key set is served by the HTTP
 * API ({@code DeletionCertificateKeysController}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CertificateProperties.class)
public class DeletionCertificateConfiguration {

    /** The key set every orchestrator replica shares, read from the deletion schema and kept fresh. */
    @Bean(destroyMethod = "close")
    CertificateKeys deletionCertificateKeys(@Qualifier(DeletionOrchestratorConfiguration.SERVICE) ServiceDatabase db,
                                            KeyEncryptionKey encryption, KeysProperties keys,
                                            CertificateProperties properties, BakeryProperties bakery) {
        Path legacyFile = properties.keyFile() != null
                ? properties.keyFile()
                : bakery.dataDir().resolve("keys").resolve("deletion-certificate-keys.json");
        return CertificateKeys.start(db, encryption, legacyFile, properties.keyRotationPeriod(), keys.refreshInterval());
    }

    @Bean
    DeletionCertificateSigner deletionCertificateSigner(CertificateKeys keys, CertificateProperties properties) {
        return new DeletionCertificateSigner(keys, properties.issuer());
    }
}
