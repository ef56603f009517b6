package com.bakeryia.orchestrator.proof;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.SharedTestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tampering with the audit trail as a superuser would (the append-only trigger disabled, on a
 * connection of its own): whatever column of an entry is rewritten (text, a word of a fixed set, a
 * uuid, a time, the JSON details, the hashes), and whether an entry is removed or one put in, the
 * verification answers 200 with {@code valid: false} naming the first entry that is wrong, and the
 * listing shows the entry as it now is. Also: looking at a certificate's {@code audit_head} re-hashes
 * only what came after the last full verification.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTamperingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CHAIN_LOCK = 0x6465_6c61_7564_6974L;

    @LocalServerPort
    int port;

    @Autowired
    DeletionJobs jobs;

    @Autowired
    JwtTokens tokens;

    private final TestTenants tenants = new TestTenants();
    private final HttpClient http = HttpClient.newHttpClient();

    /** One rewrite: the SQL (with {@code :seq} for the target entry), and what the listing then shows of it. */
    record Rewrite(String column, String sql, long firstInvalidOffset, Consumer<JsonNode> listed) {
        @Override
        public String toString() {
            return column;
        }
    }

    /** Marks the rewrite that puts a forged entry in, which the test hashes as a forger would. */
    private static final String PUT_IN = "put in";

    static Stream<Arguments> rewrites() {
        return Stream.of(
                new Rewrite("action (a word the platform never writes)",
                        "update %s set action = 'EXPLODED' where seq = :seq", 0,
                        entry -> assertThat(entry.path("action").asText()).isEqualTo("EXPLODED")),
                new Rewrite("kind", "update %s set kind = 'USER' where seq = :seq", 0,
                        entry -> assertThat(entry.path("kind").asText()).isEqualTo("USER")),
                new Rewrite("actor (text)", "update %s set actor = 'service:someone-else' where seq = :seq", 0,
                        entry -> assertThat(entry.path("actor").asText()).isEqualTo("service:someone-else")),
                new Rewrite("job_id (uuid)", "update %s set job_id = '00000000-0000-4000-8000-000000000001' where seq = :seq", 0,
                        entry -> assertThat(entry.path("job_id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001")),
                new Rewrite("subject_id (uuid)",
                        "update %s set subject_id = '00000000-0000-4000-8000-000000000002' where seq = :seq", 0,
                        entry -> assertThat(entry.path("subject_id").asText()).isEqualTo("00000000-0000-4000-8000-000000000002")),
                new Rewrite("recorded_at (time), by a microsecond",
                        "update %s set recorded_at = recorded_at + interval '1 microsecond' where seq = :seq", 0,
                        entry -> assertThat(entry.path("recorded_at").asText()).isNotBlank()),
                new Rewrite("recorded_at (time), to infinity", "update %s set recorded_at = 'infinity' where seq = :seq", 0,
                        entry -> assertThat(entry.has("recorded_at")).isTrue()),
                new Rewrite("details (JSON), a value", "update %s set details = jsonb_set(details, '{forged}', '1') where seq = :seq",
                        0, entry -> assertThat(entry.path("details").path("forged").asInt()).isEqualTo(1)),
                new Rewrite("details (JSON), not an object", "update %s set details = '[1, {\"b\": 2, \"a\": 1}]' where seq = :seq",
                        0, entry -> assertThat(entry.path("details").isArray()).isTrue()),
                new Rewrite("previous_hash", "update %s set previous_hash = repeat('a', 64) where seq = :seq", 0,
                        entry -> assertThat(entry.path("previous_hash").asText()).isEqualTo("a".repeat(64))),
                new Rewrite("hash", "update %s set hash = repeat('b', 64) where seq = :seq", 0,
                        entry -> assertThat(entry.path("hash").asText()).isEqualTo("b".repeat(64))),
                new Rewrite("an entry removed", "delete from %s where seq = :seq", 0, entry -> { }),
                // Every entry from the target on moves one place up, and a forged entry, properly
                // hashed onto the one before it, takes the target's place: the chain breaks at the
                // entry after it, whose previous_hash is not the forged entry's hash.
                new Rewrite("an entry put in", PUT_IN, 1,
                        entry -> assertThat(entry.path("action").asText()).isEqualTo("RESTORED")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void aRewrittenEntryIsNamedWithTwoHundredAndListedAsItNowIs(Rewrite rewrite) throws Exception {
        UUID job = completedJob();
        long target = firstEntryOf(job) + 1;
        String table = "deletion.deletion_audit_entries";
        try (Connection tamper = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE).getConnection();
             Statement sql = tamper.createStatement()) {
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            sql.execute("create temporary table saved as select * from " + table + " where seq >= " + (target - 1));
            sql.execute("alter table " + table + " disable trigger deletion_audit_entries_append_only");
            try {
                if (rewrite.sql().equals(PUT_IN)) {
                    putIn(sql, table, target);
                } else {
                    sql.execute(rewrite.sql().formatted(table).replace(":seq", Long.toString(target)));
                }

                HttpResponse<String> verified = get("/api/v1/deletion-audit/verification");
                assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
                JsonNode verification = JSON.readTree(verified.body());
                assertThat(verification.path("valid").asBoolean()).isFalse();
                assertThat(verification.path("first_invalid_entry").asLong()).isEqualTo(target + rewrite.firstInvalidOffset());
                assertThat(verification.path("reason").asText()).isNotBlank();
                assertThat(verification.path("checked_after").asLong()).as("a full verification").isZero();

                String head = JSON.readTree(get("/api/v1/deletion-audit?job_id=" + job).body()).path("entries").path(0)
                        .path("hash").asText();
                HttpResponse<String> withHead = get("/api/v1/deletion-audit/verification?audit_head=" + head);
                assertThat(withHead.statusCode()).as(withHead.body()).isEqualTo(200);
                assertThat(JSON.readTree(withHead.body()).path("valid").asBoolean()).as("also after the checkpoint").isFalse();

                HttpResponse<String> listed = get("/api/v1/deletion-audit?after=" + (target - 1) + "&limit=1");
                assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
                JsonNode entry = JSON.readTree(listed.body()).path("entries").path(0);
                if (!rewrite.column().equals("an entry removed")) {
                    assertThat(entry.path("seq").asLong()).isEqualTo(target);
                    rewrite.listed().accept(entry);
                }
            } finally {
                sql.execute("delete from " + table + " where seq >= " + (target - 1));
                sql.execute("insert into " + table + " select * from saved");
                sql.execute("drop table saved");
                sql.execute("alter table " + table + " enable trigger deletion_audit_entries_append_only");
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            }
        }
        JsonNode restored = JSON.readTree(get("/api/v1/deletion-audit/verification").body());
        assertThat(restored.path("valid").asBoolean()).as(restored.toString()).isTrue();
    }

    @Test
    void everyActionThePlatformWritesIsNamedInTheDocument() {
        assertThat(Arrays.stream(DeletionAudit.Action.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.asList(
                        DeletionAudit.ACTIONS.split(", ")));
    }

    @Test
    void lookingAtACertificatesHeadReHashesOnlyWhatCameAfterTheLastFullVerification() throws Exception {
        UUID first = completedJob();
        JsonNode full = JSON.readTree(get("/api/v1/deletion-audit/verification").body());
        assertThat(full.path("valid").asBoolean()).isTrue();
        assertThat(full.path("checked_after").asLong()).isZero();
        long checkpoint = full.path("entries").asLong();

        UUID second = completedJob();
        String head = tenants.jdbc().queryForObject("select audit_head from deletion.deletion_certificates where job_id = ?",
                String.class, second);
        JsonNode view = JSON.readTree(get("/api/v1/deletion-audit/verification?audit_head=" + head).body());
        assertThat(view.path("valid").asBoolean()).isTrue();
        assertThat(view.path("audit_head_found").asBoolean()).isTrue();
        assertThat(view.path("checked_after").asLong()).as("entries up to the checkpoint are not re-hashed")
                .isGreaterThanOrEqualTo(checkpoint);
        assertThat(view.path("entries").asLong()).isGreaterThan(checkpoint);

        // The checkpointed entry rewritten with a new hash: the view no longer relies on the
        // checkpoint and re-hashes from the first entry, finding the break.
        long checkpointed = tenants.jdbc().queryForObject("select seq from deletion.deletion_audit_checkpoint", Long.class);
        try (Connection tamper = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE).getConnection();
             Statement sql = tamper.createStatement()) {
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            sql.execute("alter table deletion.deletion_audit_entries disable trigger deletion_audit_entries_append_only");
            String saved = tenants.jdbc().queryForObject("select hash from deletion.deletion_audit_entries where seq = ?",
                    String.class, checkpointed);
            try {
                sql.execute("update deletion.deletion_audit_entries set hash = repeat('d', 64) where seq = " + checkpointed);
                JsonNode broken = JSON.readTree(get("/api/v1/deletion-audit/verification?audit_head=" + head).body());
                assertThat(broken.path("valid").asBoolean()).isFalse();
                assertThat(broken.path("checked_after").asLong()).isZero();
                assertThat(broken.path("first_invalid_entry").asLong()).isEqualTo(checkpointed);
            } finally {
                sql.execute("update deletion.deletion_audit_entries set hash = '" + saved + "' where seq = " + checkpointed);
                sql.execute("alter table deletion.deletion_audit_entries enable trigger deletion_audit_entries_append_only");
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            }
        }
        assertThat(first).isNotEqualTo(second);
    }

    /** Moves every entry from {@code target} on one place up and puts a forged entry, hashed onto the one before, at {@code target}. */
    private static void putIn(Statement sql, String table, long target) throws Exception {
        sql.execute("update " + table + " set seq = seq + 1000000 where seq >= " + target);
        sql.execute("update " + table + " set seq = seq - 999999 where seq > 1000000");
        String previous;
        DeletionAudit.Entry forged;
        try (var rs = sql.executeQuery("select recorded_at, job_id, subject_id, hash from " + table + " where seq = " + (target - 1))) {
            rs.next();
            previous = rs.getString("hash");
            forged = new DeletionAudit.Entry(target, rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant(),
                    "RESTORED", rs.getObject("job_id", UUID.class), "TENANT", rs.getObject("subject_id", UUID.class),
                    "service:forger", java.util.Map.of(), previous, null);
        }
        sql.execute("insert into " + table + " (seq, recorded_at, action, job_id, kind, subject_id, actor, details, previous_hash,"
                + " hash) select " + target + ", recorded_at, 'RESTORED', job_id, 'TENANT', subject_id, 'service:forger', '{}', '"
                + previous + "', '" + DeletionAudit.hash(previous, DeletionAudit.canonical(forged)) + "' from " + table
                + " where seq = " + (target - 1));
    }

    private UUID completedJob() {
        UUID job = jobs.startTenantDeletion(tenants.seed(1), Initiator.service("ops")).jobId();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> !jobs.find(job).orElseThrow().inProgress());
        return job;
    }

    private long firstEntryOf(UUID job) {
        return tenants.jdbc().queryForObject("select min(seq) from deletion.deletion_audit_entries where job_id = ?",
                Long.class, job);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.issueServiceToken("ops").value())
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
