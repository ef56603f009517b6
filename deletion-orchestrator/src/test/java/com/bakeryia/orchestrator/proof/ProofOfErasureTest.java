package com.bakeryia.orchestrator.proof;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.bakeryia.orchestrator.FakeTenancy;
import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.ParticipantFaults;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.certificate.DeletionCertificateVerifier;
import com.bakeryia.orchestrator.certificate.InvalidCertificateException;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.job.StepPhase;
import com.bakeryia.orchestrator.job.StepStatus;
import com.bakeryia.orchestrator.requests.DeletionJobLifecycleTest;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.tenancy.TenantRole;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Proof of erasure end to end on the real PostgreSQL and over real HTTP: one signed certificate per
 * completed job (also when the completion's transaction dies first), whose claims match the job and
 * verify with a plain JOSE library against the published keys; the hash-chained audit trail under
 * concurrent appends, with tampering found; the catalog scan catching a table the plans missed; and
 * the hand-over of a user job's certificate to a person who can no longer log in.
 */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProofOfErasureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DeletionJobs jobs;

    @Autowired
    DeletionAudit audit;

    @Autowired
    JwtTokens tokens;

    private final TestTenants tenants = new TestTenants();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void removeProbes() {
        ParticipantFaults.INSTANCE.release("pantry");
        tenants.jdbc().execute("drop table if exists pantry.probe_rows");
        tenants.jdbc().execute("drop trigger if exists fail_once on deletion.deletion_certificates");
        tenants.jdbc().execute("drop function if exists deletion.fail_once()");
        tenants.jdbc().execute("drop sequence if exists deletion.fail_once_hits");
    }

    @Test
    void aCompletedJobHasOneCertificateWhoseSignedClaimsAreTheJobsAndVerifyWithAPlainJoseLibrary() throws Exception {
        UUID tenant = tenants.seed(12);
        long rows = tenants.totalRowsOf(tenant) + 1;
        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);

        HttpResponse<String> jose = get("/api/v1/deletion-jobs/" + done.jobId() + "/certificate", service(), "application/jose");
        assertThat(jose.statusCode()).isEqualTo(200);
        assertThat(jose.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jose");
        String certificate = jose.body();
        JWKSet keys = JWKSet.parse(get("/api/v1/deletion-certificates/jwks.json", null, "application/json").body());

        // A standard JOSE library, nothing of ours: the key named by kid verifies the ES256 signature.
        JWSObject jws = JWSObject.parse(certificate);
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        ECKey key = (ECKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("the signing key is published").isNotNull();
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();

        Map<String, Object> claims = DeletionCertificateVerifier.verify(certificate, keys);
        assertThat(claims).containsEntry("job_id", done.jobId().toString()).containsEntry("kind", "TENANT")
                .containsEntry("subject_id", tenant.toString()).containsKeys("requested_at", "completed_at", "iss", "iat");
        JsonNode signed = JSON.readTree(jws.getPayload().toString());
        assertThat(signed.path("totals").path("deleted").asLong()).isEqualTo(rows).isEqualTo(done.totalItemsDeleted());
        assertThat(signed.path("totals").path("anonymised").asLong()).isZero();
        assertThat(signed.path("totals").path("retained").asLong()).isZero();
        assertThat(signed.path("services").path("oven").path("deleted").path("oven.bakes").asLong()).isEqualTo(12);
        assertThat(signed.path("services").path("oven").path("retained").isObject()).isTrue();
        assertThat(signed.path("services").path("tenant").path("deleted").path("registry.tenants").asLong()).isEqualTo(1);
        assertThat(signed.path("verification").path("rows_found").asLong()).isZero();
        assertThat(signed.path("verification").path("services").path("pantry").path("catalog_tables_scanned").asLong())
                .isEqualTo(1);
        String auditHead = signed.path("audit_head").asText();
        assertThat(audit.seqOf(auditHead)).as("the certificate's audit head is in the chain").isPresent();
        assertThat(jws.getPayload().toString()).as("ids and counts only").doesNotContain("@");

        HttpResponse<String> decoded = get("/api/v1/deletion-jobs/" + done.jobId() + "/certificate", service(),
                "application/json");
        JsonNode body = JSON.readTree(decoded.body());
        assertThat(body.path("certificate").asText()).isEqualTo(certificate);
        assertThat(body.path("claims").path("totals").path("deleted").asLong()).isEqualTo(rows);
        assertThat(tenants.jdbc().queryForObject("select count(*) from deletion.deletion_certificates where job_id = ?",
                Long.class, done.jobId())).isEqualTo(1);

        List<String> actions = audit.list(null, done.jobId(), 0, 1000).stream().map(DeletionAudit.Entry::action).toList();
        assertThat(actions).startsWith("REQUESTED").endsWith("COMPLETED", "CERTIFICATE_ISSUED")
                .contains("ATTEMPT", "VERIFIED", "SCANNED");
        assertThat(actions.stream().filter("ATTEMPT"::equals).count()).as("one per step attempt: 3 DELETE, 3 VERIFY, 1 FINAL")
                .isEqualTo(7);

        // One byte changed in the signed claims: rejected, with the reason.
        char[] flipped = certificate.toCharArray();
        int inPayload = certificate.indexOf('.') + 5;
        flipped[inPayload] = flipped[inPayload] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> DeletionCertificateVerifier.verify(new String(flipped), keys))
                .isInstanceOf(InvalidCertificateException.class);
    }

    @Test
    void aCompletionWhoseTransactionDiesBeforeItsCertificateCommitsStillEndsWithExactlyOne() throws Exception {
        // The first insert of a certificate fails inside the transaction that completes the job:
        // the completion rolls back with it, and the FINAL step runs again once its lease expires.
        tenants.jdbc().execute("create sequence deletion.fail_once_hits");
        tenants.jdbc().execute("create function deletion.fail_once() returns trigger language plpgsql as $$ begin"
                + " if nextval('deletion.fail_once_hits') = 1 then raise exception 'crash before the certificate (test)';"
                + " end if; return new; end $$");
        tenants.jdbc().execute("create trigger fail_once before insert on deletion.deletion_certificates"
                + " for each row execute function deletion.fail_once()");
        UUID tenant = tenants.seed(3);
        UUID jobId = jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId();
        await().atMost(PATIENCE).until(() -> tenants.jdbc().queryForObject("select last_value from deletion.fail_once_hits",
                Long.class) >= 1 && !tenants.recordExists(tenant));
        assertThat(jobs.find(jobId).orElseThrow().status()).as("not completed without its certificate").isEqualTo(JobStatus.RUNNING);

        OrchestratorTestApplication.CLOCK.advance(Duration.ofSeconds(6));
        DeletionJobSummary done = awaitFinished(jobId);

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(tenants.jdbc().queryForObject("select count(*) from deletion.deletion_certificates where job_id = ?",
                Long.class, jobId)).isEqualTo(1);
        assertThat(audit.list(null, jobId, 0, 1000)).filteredOn(entry -> entry.action().equals("CERTIFICATE_ISSUED"))
                .hasSize(1);
        assertThat(get("/api/v1/deletion-jobs/" + jobId + "/certificate", service(), "application/jose").statusCode())
                .isEqualTo(200);
    }

    @Test
    void concurrentAppendsKeepOneGaplessChainThatVerifies() throws Exception {
        int threads = 8;
        int each = 25;
        UUID subject = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appends.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        audit.append(Instant.now(), DeletionAudit.Action.ATTEMPT, UUID.randomUUID(), JobKind.TENANT, subject,
                                "service:test", DeletionAudit.details("thread", thread, "i", i));
                    }
                }));
            }
            for (Future<?> append : appends) {
                append.get();
            }
        } finally {
            pool.shutdown();
        }
        List<DeletionAudit.Entry> ours = audit.list(subject, null, 0, 1000);
        assertThat(ours).hasSize(threads * each);
        DeletionAudit.Verification verification = audit.verify();
        assertThat(verification.valid()).as(String.valueOf(verification.reason())).isTrue();
        List<Long> seqs = tenants.jdbc().queryForList("select seq from deletion.deletion_audit_entries order by seq", Long.class);
        assertThat(seqs.get(seqs.size() - 1)).as("no gaps, no duplicates").isEqualTo(seqs.size());

        HttpResponse<String> answer = get("/api/v1/deletion-audit/verification", service(), "application/json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("valid").asBoolean()).isTrue();
        assertThat(body.path("entries").asLong()).isGreaterThanOrEqualTo(threads * each);
        assertThat(body.path("head").asText()).hasSize(64);
        JsonNode page = JSON.readTree(get("/api/v1/deletion-audit?subject_id=" + subject + "&limit=50", service(),
                "application/json").body());
        assertThat(page.path("entries").size()).isEqualTo(50);
        assertThat(page.path("next_after").asLong()).isEqualTo(page.path("entries").get(49).path("seq").asLong());
    }

    @Test
    void anEntryRewrittenBehindThePlatformsBackIsNamedAndARewrittenChainNoLongerHoldsACertificatesHead() throws Exception {
        UUID tenant = tenants.seed(2);
        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());
        String head = tenants.jdbc().queryForObject("select audit_head from deletion.deletion_certificates where job_id = ?",
                String.class, done.jobId());
        long target = audit.list(null, done.jobId(), 0, 1000).stream()
                .filter(entry -> entry.action().equals(DeletionAudit.Action.COMPLETED.name())).findFirst().orElseThrow().seq();

        // As a superuser on a connection of its own, holding the chain's lock so no append interleaves.
        try (Connection tamper = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE).getConnection();
             Statement sql = tamper.createStatement()) {
            sql.execute("select pg_advisory_lock(" + 0x6465_6c61_7564_6974L + ")");
            sql.execute("create temporary table saved as select * from deletion.deletion_audit_entries where seq >= " + target);
            sql.execute("alter table deletion.deletion_audit_entries disable trigger deletion_audit_entries_append_only");
            try {
                sql.execute("update deletion.deletion_audit_entries set details = jsonb_set(details, '{deleted}', '1')"
                        + " where seq = " + target);
                JsonNode broken = JSON.readTree(get("/api/v1/deletion-audit/verification", service(), "application/json").body());
                assertThat(broken.path("valid").asBoolean()).isFalse();
                assertThat(broken.path("first_invalid_entry").asLong()).isEqualTo(target);
                assertThat(broken.path("reason").asText()).contains("does not match its hash");

                // A thorough forger recomputes every hash from there on: the chain is valid again,
                // but the certificate's audit_head is no longer in it.
                rehashFrom(sql, target);
                JsonNode forged = JSON.readTree(get("/api/v1/deletion-audit/verification?audit_head=" + head, service(),
                        "application/json").body());
                assertThat(forged.path("valid").asBoolean()).isTrue();
                assertThat(forged.path("audit_head_found").asBoolean()).isFalse();
            } finally {
                sql.execute("update deletion.deletion_audit_entries e set details = s.details, previous_hash = s.previous_hash,"
                        + " hash = s.hash from saved s where e.seq = s.seq");
                sql.execute("alter table deletion.deletion_audit_entries enable trigger deletion_audit_entries_append_only");
                sql.execute("select pg_advisory_unlock(" + 0x6465_6c61_7564_6974L + ")");
            }
        }
        JsonNode restored = JSON.readTree(get("/api/v1/deletion-audit/verification?audit_head=" + head, service(),
                "application/json").body());
        assertThat(restored.path("valid").asBoolean()).isTrue();
        assertThat(restored.path("audit_head_found").asBoolean()).isTrue();
        assertThat(restored.path("audit_head_entry").asLong()).isEqualTo(target);
        assertThatThrownBy(() -> tenants.jdbc().update("delete from deletion.deletion_audit_entries where seq = ?", target))
                .as("append-only, enforced by the database").rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> tenants.jdbc().update("update deletion.deletion_audit_entries set actor = 'x' where seq = ?",
                target)).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aTableThePlansMissedIsCaughtByTheCatalogScanAndFailsTheJobNamingIt() throws Exception {
        UUID tenant = tenants.seed(4);
        // Created after start-up, so the coverage guard never saw it: only the scan of the live catalog can.
        tenants.jdbc().execute("create table pantry.probe_rows (id bigserial primary key, tenant_id uuid not null)");
        tenants.jdbc().update("insert into pantry.probe_rows (tenant_id) select ? from generate_series(1, 3)", tenant);

        DeletionJobSummary failed = awaitFinished(jobs.startTenantDeletion(tenant, Initiator.service("ops")).jobId());

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.errors()).singleElement().asString().contains("pantry verify").contains("catalog scan").contains("pantry.probe_rows.tenant_id=3");
        assertThat(DeletionJobLifecycleTest.step(failed, StepPhase.VERIFY, "oven").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(tenants.recordExists(tenant)).as("the record stays until the scan passes").isTrue();
        assertThat(get("/api/v1/deletion-jobs/" + failed.jobId() + "/certificate", service(), "application/jose").statusCode())
                .as("no certificate for a job that did not complete").isEqualTo(404);
    }

    @Test
    void theErasedPersonReadsTheirCertificateWithTheHandOverTokenWithoutLoggingIn() throws Exception {
        UUID person = UUID.randomUUID();
        UUID tenant = tenants.seed(1);
        FakeTenancy.INSTANCE.add(tenant, person, TenantRole.MEMBER, Instant.parse("2026-01-01T00:00:00Z"));
        HttpResponse<String> asked = send(HttpRequest.newBuilder(uri("/api/v1/users/" + person)).DELETE()
                .header("Authorization", "Bearer " + tokens.issueUserToken(person).value()));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(asked.body());
        UUID jobId = UUID.fromString(answer.path("job_id").asText());
        String token = answer.path("certificate_token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(answer.path("certificate_url").asText()).isEqualTo("/api/v1/deletion-certificates/" + jobId);
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.COMPLETED);

        HttpResponse<String> handedOver = send(HttpRequest.newBuilder(uri(answer.path("certificate_url").asText()))
                .header("Deletion-Certificate-Token", token).header("Accept", "application/jose"));
        assertThat(handedOver.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(get("/api/v1/deletion-certificates/jwks.json", null, "application/json").body());
        assertThat(DeletionCertificateVerifier.verify(handedOver.body(), keys)).containsEntry("kind", "USER")
                .containsEntry("subject_id", person.toString());
        HttpResponse<String> byHeader = send(HttpRequest.newBuilder(uri("/api/v1/deletion-certificates/" + jobId))
                .header("Deletion-Certificate-Token", token).header("Accept", "application/json"));
        assertThat(JSON.readTree(byHeader.body()).path("claims").path("job_id").asText()).isEqualTo(jobId.toString());
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/deletion-certificates/" + jobId))
                .header("Deletion-Certificate-Token", token.substring(1) + "x")).statusCode()).as("a wrong token").isEqualTo(404);
        assertThat(get("/api/v1/deletion-certificates/" + jobId + "?token=" + token, null, "application/jose").statusCode())
                .as("never from the URL, where logs keep it").isEqualTo(404);
        assertThat(get("/api/v1/deletion-certificates/" + jobId, null, "application/jose").statusCode()).as("no token")
                .isEqualTo(404);
    }

    @Test
    void thePersonsTokenStillFetchesTheCertificateAfterSupportRepeatsTheRequestWithImmediate() throws Exception {
        UUID person = UUID.randomUUID();
        // This context has no window: the job is held in pantry's DELETE so that support repeats the request while
        // it is unfinished, as in the README's flow (the person asks, support then skips the window).
        ParticipantFaults.INSTANCE.hold("pantry");
        HttpResponse<String> asked = send(HttpRequest.newBuilder(uri("/api/v1/users/" + person)).DELETE()
                .header("Authorization", "Bearer " + tokens.issueUserToken(person).value()));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String personsToken = JSON.readTree(asked.body()).path("certificate_token").asText();
        UUID jobId = UUID.fromString(JSON.readTree(asked.body()).path("job_id").asText());

        // Support, as the README's walkthrough has it, then skips the window; a retry of that request too.
        HttpResponse<String> support = send(HttpRequest.newBuilder(uri("/api/v1/users/" + person + "?immediate=true"))
                .DELETE().header("Authorization", "Bearer " + service()));
        assertThat(support.statusCode()).as(support.body()).isEqualTo(202);
        assertThat(JSON.readTree(support.body()).path("job_id").asText()).isEqualTo(jobId.toString());
        String supportsToken = JSON.readTree(support.body()).path("certificate_token").asText();
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/users/" + person + "?immediate=true")).DELETE()
                .header("Authorization", "Bearer " + service())).statusCode()).isEqualTo(202);
        ParticipantFaults.INSTANCE.release("pantry");
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.COMPLETED);

        for (String token : List.of(personsToken, supportsToken)) {
            HttpResponse<String> fetched = send(HttpRequest.newBuilder(uri("/api/v1/deletion-certificates/" + jobId))
                    .header("Deletion-Certificate-Token", token).header("Accept", "application/jose"));
            assertThat(fetched.statusCode()).as("every token given out still works").isEqualTo(200);
        }
        assertThat(personsToken).isNotEqualTo(supportsToken);
    }

    @Test
    void everyKindOfCallerGetsWhatTheRulesSayFromTheCertificateAndAuditEndpoints() throws Exception {
        UUID tenant = tenants.seed(1);
        DeletionJobSummary done = awaitFinished(jobs.startTenantDeletion(tenant,
                Initiator.user(OrchestratorTestApplication.ADMIN_USER)).jobId());
        String certificate = "/api/v1/deletion-jobs/" + done.jobId() + "/certificate";
        String outsider = tokens.issueUserToken(UUID.randomUUID()).value();
        String initiator = tokens.issueUserToken(OrchestratorTestApplication.ADMIN_USER).value();
        String member = tokens.issueUserToken(OrchestratorTestApplication.MEMBER_USER).value();
        assertThat(get(certificate, null, "application/jose").statusCode()).as("anonymous").isEqualTo(401);
        assertThat(get(certificate, outsider, "application/jose").statusCode()).as("outsider").isEqualTo(403);
        assertThat(get(certificate, member, "application/jose").statusCode()).as("a member who did not ask").isEqualTo(403);
        assertThat(get(certificate, initiator, "application/jose").statusCode()).as("the admin who asked").isEqualTo(200);
        assertThat(get(certificate, service(), "application/jose").statusCode()).as("a service").isEqualTo(200);
        for (String audited : List.of("/api/v1/deletion-audit?job_id=" + done.jobId(), "/api/v1/deletion-audit/verification")) {
            assertThat(get(audited, null, "application/json").statusCode()).as("anonymous " + audited).isEqualTo(401);
            assertThat(get(audited, outsider, "application/json").statusCode()).as("user " + audited).isEqualTo(403);
            assertThat(get(audited, initiator, "application/json").statusCode()).as("admin " + audited).isEqualTo(403);
            assertThat(get(audited, service(), "application/json").statusCode()).as("service " + audited).isEqualTo(200);
        }
        assertThat(get("/api/v1/deletion-audit?limit=0", service(), "application/json").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/deletion-audit/verification?audit_head=xyz", service(), "application/json").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/deletion-certificates/jwks.json", null, "application/json").statusCode()).isEqualTo(200);
    }

    /** Recomputes every hash from entry {@code from} on, as a forger would, on the tampering connection. */
    private void rehashFrom(Statement sql, long from) throws Exception {
        List<DeletionAudit.Entry> entries = new ArrayList<>();
        try (var rs = sql.executeQuery("select * from deletion.deletion_audit_entries where seq >= " + (from - 1) + " order by seq")) {
            while (rs.next()) {
                entries.add(new DeletionAudit.Entry(rs.getLong("seq"), rs.getObject("recorded_at", java.time.OffsetDateTime.class)
                        .toInstant(), rs.getString("action"), rs.getObject("job_id", UUID.class), rs.getString("kind"),
                        rs.getObject("subject_id", UUID.class), rs.getString("actor"),
                        JSON.readValue(rs.getString("details"), Object.class), rs.getString("previous_hash"), rs.getString("hash")));
            }
        }
        String previous = entries.get(0).hash();
        for (DeletionAudit.Entry entry : entries.subList(1, entries.size())) {
            String hash = DeletionAudit.hash(previous, DeletionAudit.canonical(entry));
            sql.execute("update deletion.deletion_audit_entries set previous_hash = '" + previous + "', hash = '" + hash
                    + "' where seq = " + entry.seq());
            previous = hash;
        }
    }

    private String service() {
        return tokens.issueServiceToken("ops").value();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String token, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private DeletionJobSummary awaitFinished(UUID jobId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !jobs.find(jobId).orElseThrow().inProgress());
        return jobs.find(jobId).orElseThrow();
    }
}
