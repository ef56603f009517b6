package com.bakeryia.orchestrator.certificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Signs deletion certificates with the current {@link CertificateKeys} key: a compact JWS with
 * header {@code alg=ES256}, the signing key's {@code kid} and {@code typ=deletion-certificate+jwt},
 * over the given claims plus {@code iss} and {@code iat}, which the signer owns. Verified by
 * {@link DeletionCertificateVerifier} or any JOSE library against the published JWK Set.
 */
public class DeletionCertificateSigner {

    /** The header {@code typ} of every certificate, so it cannot pass for any other kind of token. */
    public static final String TYPE = "deletion-certificate+jwt";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final CertificateKeys keys;
    private final String issuer;
    private volatile Map.Entry<String, ECDSASigner> signer;

    /**
     * @param keys   whose current key signs
     * @param issuer the {@code iss} claim of every certificate
     */
    public DeletionCertificateSigner(CertificateKeys keys, String issuer) {
        this.keys = Objects.requireNonNull(keys, "keys");
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("A deletion certificate needs an issuer");
        }
        this.issuer = issuer;
    }

    /**
     * Signs {@code claims} as a certificate issued at {@code issuedAt}.
     *
     * @param claims   the certificate's content; values JSON-compatible only (String, Number, Boolean,
     *                 null, and Maps with String keys and Lists of those, nested at will), so that what
     *                 is signed is exactly what any verifier decodes; must not contain {@code iss} or
     *                 {@code iat}
     * @param issuedAt becomes {@code iat}, in whole seconds (as JWT writes it)
     * @return the compact JWS, its payload the JSON object of {@code iss}, {@code iat} and the claims
     * @throws IllegalArgumentException for a value that is not JSON-compatible, or {@code iss}/{@code iat} given
     */
    public SignedCertificate sign(Map<String, Object> claims, Instant issuedAt) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        for (String owned : List.of("iss", "iat")) {
            if (claims.containsKey(owned)) {
                throw new IllegalArgumentException("The signer sets the claim " + owned + "; the claims must not carry it");
            }
        }
        claims.forEach((name, value) -> requireJson(name, value));
        ECKey key = keys.current();
        // iss and iat first, then the claims in the caller's order: the payload reads as assembled.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("iat", issuedAt.getEpochSecond());
        payload.putAll(claims);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(new JOSEObjectType(TYPE))
                .build();
        // Serialised here: a Payload built from a Map would not keep the order. The signing input is
        // encoded with the JDK's Base64: the same bytes as any encoder gives, without the
        // constant-time codec JOSE objects use for secrets, which cost more than the signature
        // itself on a payload of a few kilobytes of public counts.
        String signingInput = BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(JSONObjectUtils.toJSONString(payload).getBytes(StandardCharsets.UTF_8));
        try {
            String signature = signer(key).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII)).toString();
            return new SignedCertificate(signingInput + "." + signature, key.getKeyID());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a deletion certificate with key " + key.getKeyID(), e);
        }
    }

    /** The signer of a key, made once: turning the JWK into a JCA key is not free. */
    private ECDSASigner signer(ECKey key) throws JOSEException {
        Map.Entry<String, ECDSASigner> cached = signer;
        if (cached == null || !cached.getKey().equals(key.getKeyID())) {
            cached = Map.entry(key.getKeyID(), new ECDSASigner(key));
            signer = cached;
        }
        return cached.getValue();
    }

    private static void requireJson(String path, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(((Number) value).doubleValue())) {
                throw new IllegalArgumentException("Claim " + path + " is not a JSON number: " + value);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, nested) -> {
                if (!(name instanceof String)) {
                    throw new IllegalArgumentException("Claim " + path + " has a key that is not a string: " + name);
                }
                requireJson(path + "." + name, nested);
            });
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJson(path + "[" + i + "]", list.get(i));
            }
            return;
        }
        throw new IllegalArgumentException("Claim " + path + " is not JSON-compatible (String, Number, Boolean, Map,"
                + " List): " + value.getClass().getName());
    }
}
