package com.bakeryia.orchestrator.certificate;

import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * Checks an export's manifest against its detached signature and a JWK Set of the certificate keys
 * (the published one, or a copy kept offline): ES256 only, type {@value ExportManifestSigner#TYPE},
 * a P-256 key of the set named by {@code kid}, and a signature over exactly these manifest bytes.
 * Needs no Spring and no network.
 */
public final class ExportManifestVerifier {

    private ExportManifestVerifier() {
    }

    /**
     * @throws InvalidCertificateException saying why the manifest is not the one signed: not a detached
     *                                     JWS, another alg or typ, an unknown kid, or a bad signature
     *                                     (the manifest was altered, or another key signed it)
     */
    public static void verify(byte[] manifest, String detachedJws, JWKSet keys) {
        String[] parts = detachedJws == null ? new String[0] : detachedJws.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            throw new InvalidCertificateException("not a detached JWS (header..signature)");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(detachedJws.strip(), new Payload(manifest));
        } catch (ParseException e) {
            throw new InvalidCertificateException("not a JWS: " + e.getMessage(), e);
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw new InvalidCertificateException("wrong alg " + jws.getHeader().getAlgorithm() + ": only ES256 is accepted");
        }
        JOSEObjectType type = jws.getHeader().getType();
        if (type == null || !ExportManifestSigner.TYPE.equals(type.getType())) {
            throw new InvalidCertificateException("not an export manifest's signature: typ is " + type);
        }
        String kid = jws.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw new InvalidCertificateException("unknown kid " + kid + ": no P-256 key of that id in the JWK Set");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(ec.toECPublicKey()))) {
                throw new InvalidCertificateException("bad signature: key " + kid
                        + " did not sign this manifest as it is (altered, or signed by another key)");
            }
        } catch (JOSEException e) {
            throw new InvalidCertificateException("cannot check the signature with key " + kid + ": " + e.getMessage(), e);
        }
    }
}
