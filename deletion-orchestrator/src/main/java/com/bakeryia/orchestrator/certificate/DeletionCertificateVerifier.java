package com.bakeryia.orchestrator.certificate;

import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Checks a deletion certificate against a JWK Set (the published one, or a copy kept offline): an
 * ES256 compact JWS of type {@value DeletionCertificateSigner#TYPE} whose header names a P-256 key of
 * the set, whose signature that key verifies, and whose claims include every
 * {@link #REQUIRED_CLAIMS required claim}. Nothing else is trusted: not
 * the {@code alg} the certificate claims (only ES256 is accepted, so a token signed with a shared
 * secret or unsigned cannot pass), not a key it carries. Needs no Spring and no network.
 */
public final class DeletionCertificateVerifier {

    /** What every certificate states; one without any of them is not a certificate. */
    public static final List<String> REQUIRED_CLAIMS = List.of("job_id", "kind", "subject_id", "requested_at",
            "completed_at", "services", "totals", "verification", "audit_head", "iss", "iat");

    private DeletionCertificateVerifier() {
    }

    /**
     * Verifies {@code compactJws} (surrounding whitespace ignored) against {@code keys}.
     *
     * @return the certificate's claims, as decoded from its signed payload
     * @throws InvalidCertificateException saying why: not a JWS, an alg other than ES256, another typ, no
     *                                     or an unknown kid, a bad signature, a payload that is not a JSON object, or a
     *                                     missing required claim
     */
    public static Map<String, Object> verify(String compactJws, JWKSet keys) {
        if (compactJws == null || compactJws.isBlank()) {
            throw new InvalidCertificateException("not a JWS: the certificate is empty");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compactJws.strip());
        } catch (ParseException e) {
            throw new InvalidCertificateException("not a JWS (compact serialization): " + e.getMessage(), e);
        }
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!JWSAlgorithm.ES256.equals(alg)) {
            throw new InvalidCertificateException("wrong alg " + alg + ": only ES256 is accepted");
        }
        JOSEObjectType type = jws.getHeader().getType();
        if (type == null || !DeletionCertificateSigner.TYPE.equals(type.getType())) {
            throw new InvalidCertificateException("not a deletion certificate: typ is " + type + ", not "
                    + DeletionCertificateSigner.TYPE);
        }
        String kid = jws.getHeader().getKeyID();
        if (kid == null) {
            throw new InvalidCertificateException("no kid in the header: the signing key is not named");
        }
        JWK key = keys.getKeyByKeyId(kid);
        if (key == null) {
            throw new InvalidCertificateException("unknown kid " + kid + ": no key of that id in the JWK Set");
        }
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw new InvalidCertificateException("key " + kid + " of the JWK Set is not a P-256 EC key");
        }
        if (!signatureVerifies(jws, ec)) {
            throw new InvalidCertificateException("bad signature: key " + kid
                    + " did not sign this certificate as it is (altered, or signed by another key)");
        }
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(jws.getPayload().toString());
        } catch (ParseException e) {
            throw new InvalidCertificateException("the payload is not a JSON object: " + e.getMessage(), e);
        }
        List<String> missing = REQUIRED_CLAIMS.stream().filter(name -> claims.get(name) == null).toList();
        if (!missing.isEmpty()) {
            throw new InvalidCertificateException("missing required claim" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        return Collections.unmodifiableMap(claims);
    }

    private static boolean signatureVerifies(JWSObject jws, ECKey key) {
        try {
            return jws.verify(new ECDSAVerifier(key.toPublicJWK()));
        } catch (JOSEException e) {
            return false;
        }
    }
}
