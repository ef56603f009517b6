package com.bakeryia.orchestrator.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which form of a certificate an Accept header asks for: the JWS unless it prefers JSON. */
class DeletionCertificateNegotiationTest {

    @Test
    void noPreferenceGetsTheJws() {
        assertThat(DeletionCertificateController.prefersJson(null)).isFalse();
        assertThat(DeletionCertificateController.prefersJson("")).isFalse();
        assertThat(DeletionCertificateController.prefersJson("*/*")).isFalse();
        assertThat(DeletionCertificateController.prefersJson("application/jose")).isFalse();
    }

    @Test
    void askingForJsonAloneGetsTheJsonForm() {
        assertThat(DeletionCertificateController.prefersJson("application/json")).isTrue();
        assertThat(DeletionCertificateController.prefersJson("application/json, */*")).isTrue();
    }

    @Test
    void bothNamedAreDecidedByQualityThenByOrder() {
        // What a client generated from the document sends: the JSON form, its first content type, first.
        assertThat(DeletionCertificateController.prefersJson("application/json, application/jose, application/problem+json"))
                .isTrue();
        assertThat(DeletionCertificateController.prefersJson("application/jose, application/json")).isFalse();
        assertThat(DeletionCertificateController.prefersJson("application/jose;q=0.5, application/json")).isTrue();
        assertThat(DeletionCertificateController.prefersJson("application/json;q=0.5, application/jose")).isFalse();
    }

    @Test
    void aRefusedJsonIsNotAPreference() {
        assertThat(DeletionCertificateController.prefersJson("application/json;q=0, application/jose")).isFalse();
        assertThat(DeletionCertificateController.prefersJson("application/json;q=0")).isFalse();
    }
}
