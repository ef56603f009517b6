package com.bakeryia.orchestrator.api;

import com.bakeryia.platform.security.PublicPaths;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The orchestrator's HTTP API: its controllers, and the two paths they serve without a token (the
 * certificate keys, which anyone must be able to fetch to check a certificate, and the hand-over of
 * a certificate to an erased person, whose token is the credential). Public paths are rate-limited
 * per client address, as every public path is.
 */
@Configuration(proxyBeanMethods = false)
@Import({DeletionJobController.class, TenantDeletionController.class, TenantExportController.class, UserExportController.class, UserDeletionController.class,
        DeletionCertificateController.class, DeletionAuditController.class, DeletionCertificateKeysController.class,
        RetainedRecordsController.class})
public class DeletionApiConfiguration {

    /** Anyone must be able to check a certificate, so its keys need no token. */
    @Bean
    PublicPaths deletionCertificatePublicPaths() {
        return PublicPaths.of(DeletionCertificateKeysController.JWKS_PATH);
    }

    /** The hand-over of a certificate to its holder without logging in: the token is the credential. */
    @Bean
    PublicPaths deletionCertificateHandOverPaths() {
        return PublicPaths.of(DeletionCertificateController.HAND_OVER_PATH);
    }
}
