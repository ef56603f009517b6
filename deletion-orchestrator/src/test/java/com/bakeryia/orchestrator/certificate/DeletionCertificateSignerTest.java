package com.bakeryia.orchestrator.certificate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.bakeryia.testsupport.SettableClock;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Certificates as any verifier sees them: our verifier, plain nimbus and jose4j (an independent
 * implementation) accept what the signer signs, and our verifier refuses every kind of forgery.
 */
class DeletionCertificateSignerTest {

    static final Instant ISSUED_AT = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private CertificateKeys keys;
    private DeletionCertificateSigner signer;

    /** A certificate's content as issuance assembles it: nested objects and lists, numbers, booleans. */
    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("job_id", "5a7f2c1e-0b7d-4a53-9d55-2f1d8a0c6e11");
        claims.put("kind", "TENANT");
        claims.put("subject_id", "9e0f6b1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b");
        claims.put("requested_at", "2026-03-01T11:00:00Z");
        claims.put("completed_at", "2026-03-01T11:59:30Z");
        claims.put("services", List.of(
                Map.of("service", "orders", "deleted", Map.of("orders.orders", 12L, "orders.order_lines", 40L)),
                Map.of("service", "pos", "deleted", Map.of("pos.sales", 7L), "anonymised", Map.of())));
        claims.put("totals", Map.of("deleted", 59L, "anonymised", 0L, "services", 2L));
        claims.put("verification", Map.of("passed", true, "remaining", 0L));
        claims.put("audit_head", "sha256:4f1c0a9e");
        return claims;
    }

    @BeforeEach
    void createKeys() {
        keys = CertificateKeys.inMemory(CertificateKeys.generate(ISSUED_AT));
        signer = new DeletionCertificateSigner(keys, "bakery-ia");
    }

    @Test
    void aSignedCertificateVerifiesWithItsClaimsIssuerAndIssueTime() throws Exception {
        SignedCertificate certificate = signer.sign(claims(), ISSUED_AT);

        Map<String, Object> verified = DeletionCertificateVerifier.verify(certificate.jws(), keys.publicKeys());

        assertThat(certificate.keyId()).isEqualTo(keys.current().getKeyID());
        assertThat(verified).containsAllEntriesOf(claims())
                .containsEntry("iss", "bakery-ia")
                .containsEntry("iat", ISSUED_AT.getEpochSecond());
        JWSHeader header = JWSObject.parse(certificate.jws()).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(header.getKeyID()).isEqualTo(certificate.keyId());
        assertThat(header.getType().getType()).isEqualTo("deletion-certificate+jwt");
        assertThat(certificate.jws().split("\\.")).hasSize(3);
    }

    @Test
    void thePayloadKeepsTheClaimsInTheirOrderAfterIssuerAndIssueTimeWithNullsAndNesting() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("note", null);

        String payload = JWSObject.parse(signer.sign(claims, ISSUED_AT).jws()).getPayload().toString();

        assertThat(payload).startsWith("{\"iss\":\"bakery-ia\",\"iat\":" + ISSUED_AT.getEpochSecond() + ",\"job_id\":");
        assertThat(payload).contains("\"note\":null").contains("\"verification\":{");
        assertThat(List.copyOf(DeletionCertificateVerifier.verify(signer.sign(claims, ISSUED_AT).jws(), keys.publicKeys())
                .keySet())).containsExactly("iss", "iat", "job_id", "kind", "subject_id", "requested_at", "completed_at",
                "services", "totals", "verification", "audit_head", "note");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        String jws = signer.sign(claims(), ISSUED_AT).jws();

        assertThat(DeletionCertificateVerifier.verify("\n  " + jws + "\r\n", keys.publicKeys())).isNotEmpty();
    }

    @Test
    void plainNimbusVerifiesItWithTheKeyTheKidNames() throws Exception {
        SignedCertificate certificate = signer.sign(claims(), ISSUED_AT);
        JWKSet published = JWKSet.parse(keys.publicKeys().toString());

        JWSObject jws = JWSObject.parse(certificate.jws());
        ECKey key = (ECKey) published.getKeyByKeyId(jws.getHeader().getKeyID());

        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jws.getPayload().toJSONObject()).containsAllEntriesOf(claims());
    }

    @Test
    void jose4jVerifiesItWithTheKeyTheKidNames() throws Exception {
        SignedCertificate certificate = signer.sign(claims(), ISSUED_AT);
        var published = new JsonWebKeySet(keys.publicKeys().toString());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(published.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedType(true, "deletion-certificate+jwt")
                .setExpectedIssuer("bakery-ia")
                .setRequireIssuedAt()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(ISSUED_AT.getEpochSecond()))
                .build();

        JwtClaims verified = consumer.processToClaims(certificate.jws());

        assertThat(verified.getIssuedAt().getValue()).isEqualTo(ISSUED_AT.getEpochSecond());
        assertThat(verified.getClaimsMap()).containsAllEntriesOf(claims());
    }

    @Test
    void aFlippedByteInThePayloadIsRefused() {
        String jws = signer.sign(claims(), ISSUED_AT).jws();

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(flipInSegment(jws, 1), keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("bad signature");
    }

    @Test
    void aFlippedByteInTheSignatureIsRefused() {
        String jws = signer.sign(claims(), ISSUED_AT).jws();

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(flipInSegment(jws, 2), keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("bad signature");
    }

    @Test
    void aTokenSignedWithASharedSecretIsRefusedForItsAlg() throws Exception {
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.current().getKeyID())
                .type(new JOSEObjectType(DeletionCertificateSigner.TYPE)).build(), withIssuer(claims()));
        hs256.sign(new MACSigner(new byte[32]));

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(hs256.serialize(), keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessage("wrong alg HS256: only ES256 is accepted");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = new com.nimbusds.jwt.PlainJWT(withIssuer(claims())).serialize();

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(unsigned, keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("not a JWS");
    }

    @Test
    void aCertificateOfAnotherKeyIsRefusedForItsUnknownKid() {
        CertificateKeys foreign = CertificateKeys.inMemory(CertificateKeys.generate(ISSUED_AT));
        SignedCertificate certificate = new DeletionCertificateSigner(foreign, "bakery-ia").sign(claims(), ISSUED_AT);

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(certificate.jws(), keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessageStartingWith("unknown kid " + certificate.keyId());
    }

    @Test
    void anotherKeyPassedOffUnderOurKidIsRefusedForItsSignature() throws Exception {
        ECKey impostor = CertificateKeys.generate(ISSUED_AT);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().getKeyID())
                .type(new JOSEObjectType(DeletionCertificateSigner.TYPE)).build(), withIssuer(claims()));
        forged.sign(new ECDSASigner(impostor));

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(forged.serialize(), keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("bad signature");
    }

    @Test
    void aCertificateWithoutARequiredClaimIsRefusedNamingIt() {
        Map<String, Object> claims = claims();
        claims.remove("audit_head");

        String jws = signer.sign(claims, ISSUED_AT).jws();

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(jws, keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessage("missing required claim audit_head");
    }

    @Test
    void anotherTokenTypeSignedWithTheKeyIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().getKeyID())
                .type(JOSEObjectType.JWT).build(), withIssuer(claims()));
        jwt.sign(new ECDSASigner(keys.current()));

        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(jwt.serialize(), keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("not a deletion certificate");
    }

    @Test
    void textThatIsNoJwsIsRefused() {
        assertThatThrownBy(() -> DeletionCertificateVerifier.verify("certainly not a certificate", keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("not a JWS");
        assertThatThrownBy(() -> DeletionCertificateVerifier.verify("  \n", keys.publicKeys()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageStartingWith("not a JWS");
    }

    @Test
    void theSignerOwnsIssuerAndIssueTimeAndSignsJsonValuesOnly() {
        Map<String, Object> withIss = claims();
        withIss.put("iss", "someone-else");
        Map<String, Object> withInstant = claims();
        withInstant.put("totals", Map.of("at", Instant.EPOCH));

        assertThatThrownBy(() -> signer.sign(withIss, ISSUED_AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iss");
        assertThatThrownBy(() -> signer.sign(withInstant, ISSUED_AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("totals.at");
    }

    /** Replaces one character in the middle of a segment by another base64url character. */
    static String flipInSegment(String jws, int segment) {
        String[] parts = jws.split("\\.");
        char[] chars = parts[segment].toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        parts[segment] = new String(chars);
        return String.join(".", parts);
    }

    private static JWTClaimsSet withIssuer(Map<String, Object> claims) {
        try {
            return new JWTClaimsSet.Builder(JWTClaimsSet.parse(claims)).issuer("bakery-ia")
                    .issueTime(java.util.Date.from(ISSUED_AT)).build();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
