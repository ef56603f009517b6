package com.bakeryia.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.certificate.DeletionCertificateVerifier;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the all-in-one jar, as two containers behind a load balancer would run: separate
 * JVMs, separate data directories, one PostgreSQL database (created on the test's PostgreSQL and
 * dropped at the end), one key-encryption key and one client secret given to both. A token issued
 * by either is accepted by both; a key rotation (the current key aged past its rotation interval in
 * the database, as time would) reaches both within the bound, and the time it takes is measured; a
 * certificate verifies against the JWK Set of either; and a tenant deletion started on one, with the
 * replica running one of its steps killed with SIGKILL mid-job, ends COMPLETED exactly once with
 * exact counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final String SECRET = "replicas-test-" + UUID.randomUUID();
    private static final String DATABASE = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String CLIENT = "bakery-platform";

    private final List<PlatformProcess> replicas = new ArrayList<>();
    private long startedAt;

    @BeforeAll
    void startTwoReplicasOnOneDatabase() throws Exception {
        startedAt = System.nanoTime();
        Path jar = Path.of("target", "bakery-platform.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (run in the integration-test phase)").exists();
        Path dataDirs = Files.createTempDirectory("replicas");
        byte[] encryptionKey = new byte[32];
        new SecureRandom().nextBytes(encryptionKey);
        String kek = Base64.getEncoder().encodeToString(encryptionKey);
        SharedTestPostgres.createDatabase(DATABASE);
        for (String name : List.of("replica-1", "replica-2")) {
            PlatformProcess replica = PlatformProcess.start(name, jar, PlatformProcess.freePort(), List.of(
                    "--bakery.db.url=" + SharedTestPostgres.jdbcUrl(DATABASE),
                    "--bakery.db.username=" + SharedTestPostgres.username(),
                    "--bakery.data-dir=" + dataDirs.resolve(name),
                    "--bakery.service-client.secret=" + SECRET,
                    "--bakery.keys.encryption-key=" + kek,
                    "--bakery.keys.refresh-interval=2s",
                    "--bakery.orchestrator.poll-interval=200ms",
                    // A killed replica's step is taken over once its lease expires.
                    "--bakery.orchestrator.lease-duration=6s",
                    "--bakery.orchestrator.heartbeat-interval=2s",
                    "--bakery.orchestrator.write-settle-period=0s",
                    "--bakery.rate-limits.per-address.limit=6000"));
            replicas.add(replica);
            // The first replica migrates the empty database; the second starts on it as a new replica would.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(replica::isUp);
        }
        System.out.printf("Two replicas up in %d ms%n", millisSince(startedAt));
    }

    @AfterAll
    void stopThemAndDropTheDatabase() throws Exception {
        PlatformProcess.closeAll(replicas.toArray(PlatformProcess[]::new));
        try (Connection connection = SharedTestPostgres.server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        }
        System.out.printf("ReplicasIT ran in %d ms%n", millisSince(startedAt));
    }

    @Test
    @Order(1)
    void aTokenIssuedByAnyReplicaIsAcceptedByEveryReplica() {
        for (PlatformProcess issuer : replicas) {
            TenantFixture.Member user = TenantFixture.register(issuer.api(), "replica", UUID.randomUUID().toString()
                    .substring(0, 8));
            String service = serviceToken(issuer);
            for (PlatformProcess verifier : replicas) {
                ApiClient.Response me = verifier.api().get("/api/v1/users/me", user.accessToken());
                assertThat(me.status()).as("%s's user token at %s: %s", issuer, verifier, me).isEqualTo(200);
                ApiClient.Response info = verifier.api().get("/api/v1/orders/info", service);
                assertThat(info.status()).as("%s's service token at %s: %s", issuer, verifier, info).isEqualTo(200);
            }
        }
        assertThat(tokenKeys(replicas.get(0))).isEqualTo(tokenKeys(replicas.get(1)));
        assertThat(certificateKeys(replicas.get(0))).isEqualTo(certificateKeys(replicas.get(1)));
    }

    @Test
    @Order(2)
    void aKeyRotationOnOneReplicaIsPublishedAndUsedByEveryReplicaWithinAMinute() {
        String before = tokenKeys(replicas.get(0)).getKeys().get(0).getKeyID();
        String oldToken = serviceToken(replicas.get(1));
        long aged = System.nanoTime();
        jdbc().update("update auth.signing_keys set created_at = created_at - interval '91 days' where retired_at is null");

        // Whichever replica reads the set next rotates; both publish the new key, then both sign with it.
        String after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                () -> replicas.stream().map(replica -> tokenKeys(replica).getKeys().get(0).getKeyID()).distinct().toList(),
                kids -> kids.size() == 1 && !kids.get(0).equals(before)).get(0);
        long publishedInMillis = millisSince(aged);
        Map<PlatformProcess, Long> usedInMillis = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (PlatformProcess replica : replicas) {
                if (!usedInMillis.containsKey(replica) && keyIdOf(serviceToken(replica)).equals(after)) {
                    usedInMillis.put(replica, millisSince(aged));
                }
            }
            assertThat(usedInMillis).hasSize(replicas.size());
        });
        long usedByAllInMillis = usedInMillis.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("Key rotation: published by every replica %d ms after the key came due, signing on every"
                + " replica after %d ms%n", publishedInMillis, usedByAllInMillis);

        assertThat(usedByAllInMillis).isLessThan(60_000);
        assertThat(jdbc().queryForObject("select count(*) from auth.signing_keys", Integer.class))
                .as("one rotation between the replicas").isEqualTo(2);
        for (PlatformProcess replica : replicas) {
            assertThat(tokenKeys(replica).getKeys()).extracting(key -> key.getKeyID()).containsExactly(after, before);
            assertThat(replica.api().get("/api/v1/orders/info", oldToken).status()).as("a token of the retired key")
                    .isEqualTo(200);
            for (PlatformProcess issuer : replicas) {
                assertThat(replica.api().get("/api/v1/orders/info", serviceToken(issuer)).status()).isEqualTo(200);
            }
        }
    }

    @Test
    @Order(3)
    void aCertificateSignedByOneReplicaVerifiesAgainstTheJwkSetOfEvery() throws Exception {
        String service = serviceToken(replicas.get(0));
        TenantFixture doomed = TenantFixture.create(replicas.get(0).api());
        ApiClient.Response started = replicas.get(0).api().delete("/api/v1/tenants/" + doomed.tenantId()
                + "?immediate=true", service);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String jobId = started.json().path("job_id").asText();
        assertThat(awaitFinished(replicas.get(1), jobId, service).path("status").asText()).isEqualTo("COMPLETED");

        for (PlatformProcess holder : replicas) {
            java.net.http.HttpResponse<String> fetched = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(holder.url() + "/api/v1/deletion-jobs/" + jobId
                                    + "/certificate")).header("Authorization", "Bearer " + service)
                            .header("Accept", "application/jose").timeout(Duration.ofSeconds(20)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
            String jws = fetched.body().strip();
            assertThat(jws).as("the certificate from %s", holder).isNotBlank();
            for (PlatformProcess publisher : replicas) {
                assertThat(DeletionCertificateVerifier.verify(jws, certificateKeys(publisher)).get("job_id"))
                        .as("verified with the keys of %s", publisher).isEqualTo(jobId);
            }
        }
    }

    @Test
    @Order(4)
    void aTenantDeletionWhoseReplicaIsKilledMidJobCompletesExactlyOnceWithExactCounts() throws Exception {
        PlatformProcess first = replicas.get(0);
        String service = serviceToken(first);
        TenantFixture doomed = TenantFixture.create(first.api());
        TenantFixture kept = TenantFixture.create(first.api());
        for (UUID tenant : List.of(doomed.tenantId(), kept.tenantId())) {
            ApiClient.Response filled = first.api().post("/api/v1/tenants/" + tenant + "/demo-data?size=medium", service, null);
            assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        }
        Map<String, Long> before = rowsPerTable(doomed.tenantId());
        Map<String, Long> keptBefore = rowsPerTable(kept.tenantId());
        assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(1_000);

        ApiClient.Response started = first.api().delete("/api/v1/tenants/" + doomed.tenantId() + "?immediate=true",
                service);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        UUID jobId = UUID.fromString(started.json().path("job_id").asText());

        // The replica holding the lease of a running step is killed without a chance to finish anything.
        String owner = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(
                () -> jdbc().queryForList("select lease_owner from deletion.deletion_steps where job_id = ?"
                        + " and status = 'RUNNING' and lease_owner is not null limit 1", String.class, jobId),
                owners -> !owners.isEmpty()).get(0);
        long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
        PlatformProcess killed = replicas.stream().filter(replica -> replica.pid() == pid).findFirst().orElseThrow();
        String runningWhenKilled = String.join(", ", jdbc().queryForList("select service || ' ' || phase from"
                + " deletion.deletion_steps where job_id = ? and status = 'RUNNING'", String.class, jobId));
        killed.kill();
        System.out.printf("Killed %s (SIGKILL) while it ran: %s%n", killed, runningWhenKilled);
        PlatformProcess survivor = replicas.stream().filter(replica -> replica != killed).findFirst().orElseThrow();

        long killedAt = System.nanoTime();
        JsonNode job = awaitFinished(survivor, jobId.toString(), service);
        System.out.printf("The job finished %d ms after the kill: %s%n", millisSince(killedAt), job.path("status").asText());

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(rowsPerTable(doomed.tenantId())).as("rows of the tenant left").isEmpty();
        assertThat(rowsPerTable(kept.tenantId())).as("the other tenant's rows").isEqualTo(keptBefore);
        // Exact counts: what the job reports deleted per table (a record the law keeps is deleted from its table
        // too, after its copy went to the records archive, counted apart as retained) is what the tenant had,
        // however its steps were interrupted.
        Map<String, Long> counted = new HashMap<>();
        jdbc().query("""
                select s.service, c.key, c.value::bigint from deletion.deletion_steps s,
                     jsonb_each_text(coalesce(s.counts -> 'deleted', '{}')) c
                where s.job_id = ? and s.phase = 'DELETE'""", rows -> {
            String table = rows.getString(2).contains(".") ? rows.getString(2)
                    : rows.getString(1).replace('-', '_') + "." + rows.getString(2);
            counted.merge(table, rows.getLong(3), Long::sum);
        }, jobId);
        for (Map.Entry<String, Long> table : before.entrySet()) {
            assertThat(counted.getOrDefault(table.getKey(), 0L)).as("deleted from %s", table.getKey())
                    .isEqualTo(table.getValue());
        }
        // Exactly once: one job, one completion in its audit trail, one certificate.
        assertThat(jdbc().queryForObject("select count(*) from deletion.deletion_jobs where subject_id = ?", Integer.class,
                doomed.tenantId())).isEqualTo(1);
        assertThat(jdbc().queryForObject("select count(*) from deletion.deletion_certificates where job_id = ?",
                Integer.class, jobId)).isEqualTo(1);
        assertThat(jdbc().queryForObject("select count(*) from deletion.deletion_steps where job_id = ?"
                + " and status <> 'SUCCEEDED'", Integer.class, jobId)).isZero();
    }

    private JsonNode awaitFinished(PlatformProcess replica, String jobId, String token) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> replica.api().get("/api/v1/deletion-jobs/" + jobId, token).json(),
                job -> List.of("COMPLETED", "FAILED").contains(job.path("status").asText()));
    }

    private static String serviceToken(PlatformProcess replica) {
        ApiClient.Response token = replica.api().post("/api/v1/auth/service-token", null,
                Map.of("client_id", CLIENT, "client_secret", SECRET));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().path("access_token").asText();
    }

    private static String keyIdOf(String token) throws java.text.ParseException {
        return JWSObject.parse(token).getHeader().getKeyID();
    }

    private static JWKSet tokenKeys(PlatformProcess replica) {
        return jwks(replica, "/api/v1/auth/jwks.json");
    }

    private static JWKSet certificateKeys(PlatformProcess replica) {
        return jwks(replica, "/api/v1/deletion-certificates/jwks.json");
    }

    private static JWKSet jwks(PlatformProcess replica, String path) {
        ApiClient.Response answer = replica.api().get(path, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        try {
            return JWKSet.parse(answer.text());
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Rows of the tenant per table (schema.table) with a tenant_id column, read from the catalog;
     * the records of deletions that outlive the tenant on purpose (the tenant service's
     * tenant_deletions, the orchestrator's job store) aside. Tables without rows are left out.
     */
    private static Map<String, Long> rowsPerTable(UUID tenant) {
        JdbcTemplate jdbc = jdbc();
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
                  and c.table_name <> 'deletion_write_fences' -- the record that a deletion began (ids only)
                  and c.table_name <> 'retained_records' -- what the law keeps outlives the tenant (docs/retention.md)
                  and c.table_schema not in ('pg_catalog', 'information_schema', 'deletion', 'tenant')""", String.class);
        Map<String, Long> rows = new HashMap<>();
        for (String table : tables) {
            long count = jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant);
            if (count > 0) {
                rows.put(table, count);
            }
        }
        return rows;
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(SharedTestPostgres.dataSource(DATABASE));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
