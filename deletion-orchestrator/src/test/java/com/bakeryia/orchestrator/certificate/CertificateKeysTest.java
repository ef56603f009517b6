package com.bakeryia.orchestrator.certificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.bakeryia.orchestrator.DeletionOrchestratorConfiguration;
import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.data.ServiceDatabases;
import com.bakeryia.platform.keys.KeyEncryptionKey;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The certificate keys as several orchestrator replicas see them: each replica its own pool on one
 * database, as separate processes would have. One key set for all, a rotation by one published by
 * every replica before any signs with it, no key ever dropped, key files of earlier versions imported,
 * and replicas starting together creating one key.
 */
class CertificateKeysTest {

    static final Duration ROTATION = Duration.ofDays(365);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final KeyEncryptionKey ENCRYPTION = KeyEncryptionKey.generate();

    @TempDir
    Path directory;

    private final String database = "certificate_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<ServiceDatabases> pools = new ArrayList<>();
    private final List<CertificateKeys> replicas = new ArrayList<>();

    @AfterEach
    void close() {
        replicas.forEach(CertificateKeys::close);
        pools.forEach(ServiceDatabases::destroy);
    }

    @Test
    void theFirstReplicaCreatesOneEs256KeyThatEveryReplicaSignsWithAndPublishes() {
        CertificateKeys first = start(directory.resolve("none.json"));
        CertificateKeys second = start(directory.resolve("none.json"));

        ECKey current = first.current();
        assertThat(current.isPrivate()).isTrue();
        assertThat(current.getCurve()).isEqualTo(Curve.P_256);
        assertThat(current.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(current.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(second.current()).isEqualTo(current);
        assertThat(first.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(current.getKeyID());
        assertThat(second.publicKeys().toJSONObject()).isEqualTo(first.publicKeys().toJSONObject());
        assertThat(first.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
        SignedCertificate certificate = new DeletionCertificateSigner(first, "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), Instant.now());
        assertThat(DeletionCertificateVerifier.verify(certificate.jws(), second.publicKeys())).isNotEmpty();
    }

    @Test
    void aRotationByOneReplicaIsPublishedByEveryReplicaBeforeAnySignsWithItAndNoKeyIsEverDropped() {
        CertificateKeys first = start(directory.resolve("none.json"));
        CertificateKeys second = start(directory.resolve("none.json"));
        String oldKid = first.current().getKeyID();
        SignedCertificate signedBefore = new DeletionCertificateSigner(second, "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), Instant.now());
        jdbc("update deletion.certificate_keys set created_at = created_at - interval '366 days'");

        first.refresh();

        String newKid = first.publicKeys().getKeys().get(0).getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(first.current().getKeyID()).as("not signing before every replica has published it").isEqualTo(oldKid);
        assertThat(second.publicKeysWith(newKid).getKeyByKeyId(newKid)).as("an unknown kid reads the set again")
                .isNotNull();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(first.current().getKeyID()).isEqualTo(newKid);
            assertThat(second.current().getKeyID()).isEqualTo(newKid);
        });
        SignedCertificate signedAfter = new DeletionCertificateSigner(first, "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), Instant.now());
        for (CertificateKeys replica : List.of(first, second)) {
            assertThat(replica.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(newKid, oldKid);
            assertThat(DeletionCertificateVerifier.verify(signedBefore.jws(), replica.publicKeys())).isNotEmpty();
            assertThat(DeletionCertificateVerifier.verify(signedAfter.jws(), replica.publicKeys())).isNotEmpty();
        }
        assertThat(signedAfter.keyId()).isEqualTo(newKid);
        assertThat(first.publicKeys().getKeyByKeyId(oldKid).getExpirationTime()).as("kept for good").isNull();
    }

    @Test
    void theKeyFileOfEarlierVersionsIsImportedOnceSoItsCertificatesKeepVerifying() throws Exception {
        ECKey older = CertificateKeys.generate(Instant.now().minus(Duration.ofDays(400)));
        ECKey newer = CertificateKeys.generate(Instant.now().minus(Duration.ofDays(20)));
        Path file = Files.writeString(directory.resolve("deletion-certificate-keys.json"),
                new JWKSet(List.<JWK>of(older, newer)).toString(false));
        SignedCertificate oldCertificate = new DeletionCertificateSigner(CertificateKeys.inMemory(older), "bakery-ia")
                .sign(DeletionCertificateSignerTest.claims(), Instant.now());

        CertificateKeys keys = start(file);

        assertThat(keys.current().getKeyID()).isEqualTo(newer.getKeyID());
        assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(newer.getKeyID(), older.getKeyID());
        assertThat(DeletionCertificateVerifier.verify(oldCertificate.jws(), keys.publicKeys())).isNotEmpty();
        assertThat(file).doesNotExist();
        assertThat(file.resolveSibling("deletion-certificate-keys.json.imported")).exists();
        String stored = queryString("select string_agg(public_jwk || encode(sealed_private_jwk, 'escape'), ' ')"
                + " from deletion.certificate_keys");
        assertThat(stored).doesNotContain("\"d\"");
    }

    @Test
    void replicasStartingTogetherCreateOneKey() throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(4);
        try {
            var together = new CyclicBarrier(4);
            List<Future<CertificateKeys>> started = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ServiceDatabase db = open();
                Callable<CertificateKeys> starter = () -> {
                    together.await(30, TimeUnit.SECONDS);
                    return CertificateKeys.start(db, ENCRYPTION, directory.resolve("none.json"), ROTATION, REFRESH);
                };
                started.add(starting.submit(starter));
            }
            for (Future<CertificateKeys> replica : started) {
                replicas.add(replica.get(60, TimeUnit.SECONDS));
            }
        } finally {
            starting.shutdown();
        }

        assertThat(replicas).extracting(keys -> keys.current().getKeyID()).containsOnly(replicas.get(0).current().getKeyID());
        assertThat(queryString("select count(*)::text from deletion.certificate_keys")).isEqualTo("1");
    }

    private CertificateKeys start(Path legacyFile) {
        CertificateKeys keys = CertificateKeys.start(open(), ENCRYPTION, legacyFile, ROTATION, REFRESH);
        replicas.add(keys);
        return keys;
    }

    /** A pool of its own on the test's database, as a replica has. */
    private ServiceDatabase open() {
        var properties = new BakeryProperties(directory, new BakeryProperties.Database(SharedTestPostgres.jdbcUrl(database),
                SharedTestPostgres.username(), null, 2), Map.of());
        var databases = new ServiceDatabases(properties, new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
        pools.add(databases);
        return databases.open(new ServiceModule(DeletionOrchestratorConfiguration.SERVICE, "deletion"));
    }

    private void jdbc(String sql) {
        new org.springframework.jdbc.core.JdbcTemplate(SharedTestPostgres.dataSource(database)).update(sql);
    }

    private String queryString(String sql) {
        return new org.springframework.jdbc.core.JdbcTemplate(SharedTestPostgres.dataSource(database))
                .queryForObject(sql, String.class);
    }
}
