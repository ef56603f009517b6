package com.bakeryia.orchestrator.certificate;

/**
 * A signed deletion certificate.
 *
 * @param jws   the certificate as a compact JWS ({@code header.payload.signature}), what is stored and handed out
 * @param keyId the {@code kid} of the key that signed it, as named in its header and in the published JWK Set
 */
public record SignedCertificate(String jws, String keyId) {
}
