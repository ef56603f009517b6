package com.bakeryia.orchestrator.certificate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;

/**
 * Signs an export's {@code manifest.json} with the certificate keys: a JWS with detached payload
 * (RFC 7515, appendix F: {@code header..signature}, the payload being the manifest's bytes exactly
 * as stored in the archive), header {@code alg=ES256}, the key's {@code kid} and
 * {@code typ=}{@value #TYPE}. Anyone verifies it offline against the certificate keys' published
 * JWK Set ({@link ExportManifestVerifier}, or any JOSE library given the manifest as the payload).
 */
public final class ExportManifestSigner {

    /** The header {@code typ}, so a manifest's signature cannot pass for a certificate, nor one for it. */
    public static final String TYPE = "export-manifest+jws";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<ECKey> currentKey;

    /** @param currentKey the certificate key that signs now, with its private part */
    public ExportManifestSigner(Supplier<ECKey> currentKey) {
        this.currentKey = currentKey;
    }

    /** The detached JWS of {@code manifest}: {@code base64url(header) + ".." + base64url(signature)}. */
    public String sign(byte[] manifest) {
        ECKey key = currentKey.get();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(TYPE)).build();
        String encodedHeader = BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = encodedHeader + "." + BASE64URL.encodeToString(manifest);
        try {
            String signature = new ECDSASigner(key).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII)).toString();
            return encodedHeader + ".." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an export manifest with key " + key.getKeyID(), e);
        }
    }
}
