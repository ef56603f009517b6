package com.bakeryia.orchestrator.certificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.bakeryia.testsupport.SettableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The certificate key file: creation, reloading, rotation that never drops a key, and concurrent loaders. */
class CertificateKeysTest {

    static final Duration ROTATION = Duration.ofDays(365);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path directory;

    private final SettableClock clock = SettableClock.fixedAt(START);

    @Test
    void theFirstLoadCreatesAnOwnerOnlyFileWithOneEs256Key() throws Exception {
        Path file = directory.resolve("keys").resolve("deletion-certificate-keys.json");

        CertificateKeys keys = load(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        ECKey current = keys.current();
        assertThat(current.isPrivate()).isTrue();
        assertThat(current.getCurve()).isEqualTo(Curve.P_256);
        assertThat(current.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(current.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(current.getKeyID()).isNotBlank();
        assertThat(current.getIssueTime().toInstant()).isEqualTo(START);
        assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(current.getKeyID());
    }

    @Test
    void aReloadBeforeTheRotationPeriodReadsTheSameKey() {
        Path file = directory.resolve("deletion-certificate-keys.json");
        CertificateKeys first = load(file);

        clock.set(START.plus(ROTATION).minusSeconds(1));
        CertificateKeys later = load(file);

        assertThat(later.current()).isEqualTo(first.current());
        assertThat(later.publicKeys().toJSONObject()).isEqualTo(first.publicKeys().toJSONObject());
    }

    @Test
    void eachNewFileGetsAKeyOfItsOwn() {
        ECKey one = load(directory.resolve("one.json")).current();
        ECKey other = load(directory.resolve("other.json")).current();

        assertThat(other.getKeyID()).isNotEqualTo(one.getKeyID());
        assertThat(other.toPublicJWK()).isNotEqualTo(one.toPublicJWK());
    }

    @Test
    void aDueKeyIsReplacedButKeepsVerifyingWhatItSigned() {
        Path file = directory.resolve("deletion-certificate-keys.json");
        CertificateKeys before = load(file);
        SignedCertificate signedBefore = new DeletionCertificateSigner(before, "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), clock.instant());

        clock.set(START.plus(ROTATION));
        CertificateKeys rotated = load(file);

        String oldKid = before.current().getKeyID();
        String newKid = rotated.current().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.current().getIssueTime().toInstant()).isEqualTo(START.plus(ROTATION));
        assertThat(rotated.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(newKid, oldKid);
        assertThat(DeletionCertificateVerifier.verify(signedBefore.jws(), rotated.publicKeys()))
                .containsEntry("job_id", DeletionCertificateSignerTest.claims().get("job_id"));
        SignedCertificate signedAfter = new DeletionCertificateSigner(rotated, "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), clock.instant());
        assertThat(signedAfter.keyId()).isEqualTo(newKid);
        assertThat(DeletionCertificateVerifier.verify(signedAfter.jws(), rotated.publicKeys())).isNotEmpty();
    }

    @Test
    void retiredKeysAreNeverDroppedHoweverManyRotationsFollow() throws Exception {
        Path file = directory.resolve("deletion-certificate-keys.json");
        CertificateKeys first = load(file);
        SignedCertificate oldest = new DeletionCertificateSigner(first, "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), clock.instant());

        CertificateKeys last = first;
        for (int year = 1; year <= 3; year++) {
            clock.set(START.plus(ROTATION.multipliedBy(year)));
            last = load(file);
        }

        assertThat(last.publicKeys().getKeys()).hasSize(4);
        assertThat(last.publicKeys().getKeys().get(0).getKeyID()).isEqualTo(last.current().getKeyID());
        assertThat(last.publicKeys().getKeyByKeyId(first.current().getKeyID())).isNotNull();
        assertThat(DeletionCertificateVerifier.verify(oldest.jws(), last.publicKeys())).isNotEmpty();
        assertThat(JWKSet.load(file.toFile()).getKeys()).hasSize(4).allMatch(JWK::isPrivate);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theSetIsPublishedWithoutPrivateParts() {
        CertificateKeys keys = load(directory.resolve("deletion-certificate-keys.json"));

        assertThat(keys.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
        assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"");
        Map<String, Object> key = keys.publicKeys().getKeys().get(0).toJSONObject();
        assertThat(key).containsKeys("kty", "crv", "x", "y", "kid", "use", "alg", "iat").doesNotContainKey("d");
    }

    @Test
    void concurrentLoadersAgreeOnOneKeyAndRotateOnce() throws Exception {
        Path file = directory.resolve("deletion-certificate-keys.json");
        List<CertificateKeys> created = loadTogether(file, 4);
        assertThat(created).extracting(keys -> keys.current().getKeyID()).containsOnly(created.get(0).current().getKeyID());

        clock.set(START.plus(ROTATION));
        List<CertificateKeys> rotated = loadTogether(file, 4);

        assertThat(rotated).extracting(keys -> keys.current().getKeyID()).containsOnly(rotated.get(0).current().getKeyID());
        assertThat(load(file).publicKeys().getKeys()).hasSize(2);
    }

    @Test
    void refusesAFileThatHoldsNoPrivateP256Keys() throws Exception {
        Path file = directory.resolve("deletion-certificate-keys.json");
        Files.writeString(file, new JWKSet(load(directory.resolve("elsewhere.json")).current().toPublicJWK()).toString());

        assertThatThrownBy(() -> load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a private P-256 key");
    }

    private CertificateKeys load(Path file) {
        return CertificateKeys.loadOrCreate(file, ROTATION, clock);
    }

    /** {@code loaders} loads started at once from as many threads. */
    private List<CertificateKeys> loadTogether(Path file, int loaders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(loaders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<CertificateKeys> loader = () -> {
                start.await();
                return load(file);
            };
            List<Future<CertificateKeys>> results = new java.util.ArrayList<>();
            for (int i = 0; i < loaders; i++) {
                results.add(pool.submit(loader));
            }
            start.countDown();
            List<CertificateKeys> keys = new java.util.ArrayList<>();
            for (Future<CertificateKeys> result : results) {
                keys.add(result.get());
            }
            return keys;
        } finally {
            pool.shutdownNow();
        }
    }
}
