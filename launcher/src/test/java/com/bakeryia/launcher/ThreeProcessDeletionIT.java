package com.bakeryia.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three-process layout of docs/running-distributed.md, as separate JVMs from the packaged jar,
 * each on its own database, all started at the same moment: identity ({@code auth,tenant}), the deletion
 * orchestrator, and the 12 data services. A tenant deletion (scheduled with the default window,
 * then started at once by a service) and a user deletion (an owner whose tenant is handed to its
 * admin) run through it to COMPLETED, and an independent count of every
 * database's catalog finds nothing of them left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeProcessDeletionIT {

    private static final String SECRET = "three-process-test-" + UUID.randomUUID();
    private static final Map<String, String> DATABASES = Map.of(
            "identity", "three_identity", "deletion", "three_deletion", "bakery", "three_bakery");

    private PlatformProcess identity;
    private PlatformProcess orchestrator;
    private PlatformProcess bakery;
    private long startedInMillis;
    private String identityUrl;
    private String orchestratorUrl;

    @BeforeAll
    void startTheThreeProcessesAtOnce() throws Exception {
        Path jar = Path.of("target", "bakery-platform.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (run in the integration-test phase)").exists();
        Path dataDirs = Files.createTempDirectory("three-process");
        int identityPort = PlatformProcess.freePort();
        int orchestratorPort = PlatformProcess.freePort();
        int bakeryPort = PlatformProcess.freePort();
        identityUrl = "http://127.0.0.1:" + identityPort;
        orchestratorUrl = "http://127.0.0.1:" + orchestratorPort;
        String bakeryUrl = "http://127.0.0.1:" + bakeryPort;

        List<String> toIdentity = List.of("--bakery.services.auth.url=" + identityUrl,
                "--bakery.services.tenant.url=" + identityUrl);
        List<String> toData = Target.dataServices().stream()
                .map(service -> "--bakery.services." + service + ".url=" + bakeryUrl).toList();
        long started = System.nanoTime();
        identity = PlatformProcess.start("identity", jar, identityPort,
                common("identity", dataDirs, List.of("--targets=auth,tenant",
                        // The operator console, served by the orchestrator's process, signs in here.
                        "--bakery.security.cors.allowed-origins=" + orchestratorUrl)));
        orchestrator = PlatformProcess.start("deletion", jar, orchestratorPort, common("deletion", dataDirs,
                PlatformProcess.concat(List.of("--targets=deletion-orchestrator"), toIdentity, toData)));
        bakery = PlatformProcess.start("bakery", jar, bakeryPort, common("bakery", dataDirs,
                PlatformProcess.concat(List.of("--targets=" + String.join(",", Target.dataServices())), toIdentity)));
        for (PlatformProcess process : List.of(identity, orchestrator, bakery)) {
            // isUp fails at once, with the process's last log lines, when the process has exited.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(process::isUp);
        }
        startedInMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Three processes up in %d ms%n", startedInMillis);
    }

    /** Each process on its own database and data directory, with the deployment's one client secret. */
    private static List<String> common(String name, Path dataDirs, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bakery.db.url=" + SharedTestPostgres.jdbcUrl(DATABASES.get(name)),
                "--bakery.db.username=" + SharedTestPostgres.username(),
                "--bakery.data-dir=" + dataDirs.resolve(name),
                "--bakery.service-client.secret=" + SECRET,
                "--bakery.orchestrator.poll-interval=200ms",
                // Nothing writes during these deletions; WritesDuringDeletionIT runs with a settle period.
                "--bakery.orchestrator.write-settle-period=0s",
                // Every fixture user registers and logs in from 127.0.0.1, as do the processes themselves (service
                // tokens, the JWK Set): within one minute these tests pass the default 60, and rate limits are not
                // what they test.
                "--bakery.rate-limits.per-address.limit=600"));
        arguments.addAll(more);
        return arguments;
    }

    @AfterAll
    void stopThem() {
        PlatformProcess.closeAll(identity, orchestrator, bakery);
    }

    @Test
    void anOwnerDeletesAFilledTenantThroughTheOrchestratorProcessAndNothingIsLeftInAnyDatabase() throws Exception {
        ApiClient users = identity.api();
        TenantFixture doomed = TenantFixture.create(users);
        TenantFixture kept = TenantFixture.create(users);
        String service = serviceToken();
        for (UUID tenant : List.of(doomed.tenantId(), kept.tenantId())) {
            ApiClient.Response filled = bakery.api().post("/api/v1/tenants/" + tenant + "/demo-data?size=small", service, null);
            assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        }
        assertThat(rowsOf(doomed.tenantId(), "bakery")).isPositive();
        long keptBefore = rowsOf(kept.tenantId(), "bakery");

        ApiClient.Response deleted = orchestrator.api().delete("/api/v1/tenants/" + doomed.tenantId(),
                doomed.owner().accessToken());

        // The default window: scheduled, nothing deleted, no writes in the other process, and a
        // service (a support request) starts it at once.
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deleted.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(deleted.json().path("scheduled_for").asText()).isNotEmpty();
        ApiClient.Response write = bakery.api().post("/api/v1/tenants/" + doomed.tenantId() + "/customers",
                doomed.member().accessToken(), Map.of("name", "Late"));
        assertThat(write.status()).as(write.toString()).isEqualTo(409);
        assertThat(write.json().path("detail").asText()).contains("scheduled for deletion").contains("/restore");
        assertThat(rowsOf(doomed.tenantId(), "bakery")).isPositive();
        ApiClient.Response started = orchestrator.api().delete("/api/v1/tenants/" + doomed.tenantId() + "?immediate=true",
                service);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("job_id").asText()).isEqualTo(deleted.json().path("job_id").asText());
        JsonNode job = awaitFinished(deleted.json().path("job_id").asText(), doomed.owner().accessToken());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.path("services_completed").asInt()).isEqualTo(Target.dataServices().size());
        assertThat(job.path("total_items_deleted").asLong()).isPositive();
        for (String database : List.of("identity", "bakery")) {
            assertThat(rowsOf(doomed.tenantId(), database)).as("rows of the tenant left in %s", database).isZero();
        }
        assertThat(rowsOf(kept.tenantId(), "bakery")).isEqualTo(keptBefore);
        assertThat(users.get("/api/v1/tenants/" + doomed.tenantId(), service).status()).isEqualTo(404);
        List<String> scans = new ArrayList<>();
        for (JsonNode step : job.path("service_results")) {
            if (step.path("phase").asText().equals("VERIFY") && step.path("counts").path("scanned").has("tables")) {
                scans.add(step.path("service").asText());
            }
        }
        assertThat(scans).as("every data service's catalog scanned over HTTP").hasSize(12);

        // The job's certificate, checked offline by the platform's own jar as its holder would.
        String jobId = job.path("job_id").asText();
        java.net.http.HttpResponse<String> fetched = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(orchestrator.url() + "/api/v1/deletion-jobs/" + jobId + "/certificate"))
                .header("Authorization", "Bearer " + doomed.owner().accessToken()).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        JsonNode certificate = tools.jackson.databind.json.JsonMapper.builder().build().readTree(fetched.body());
        assertThat(certificate.path("claims").path("totals").path("deleted").asLong())
                .isEqualTo(job.path("total_items_deleted").asLong());
        Path certificateFile = Files.createTempFile("certificate", ".jws");
        Path jwksFile = Files.createTempFile("jwks", ".json");
        Files.writeString(certificateFile, certificate.path("certificate").asText());
        Files.writeString(jwksFile, orchestrator.api().get("/api/v1/deletion-certificates/jwks.json", null).text());
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "bakery-platform.jar").toAbsolutePath().toString(), "verify-certificate",
                certificateFile.toString(), "--jwks", jwksFile.toString()).redirectErrorStream(true).start();
        String printed = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(printed).isZero();
        assertThat(printed).contains(jobId).contains("valid: signed by key");
    }

    @Test
    void anOwnerErasedThroughTheOrchestratorProcessHandsTheTenantToItsAdminAndLeavesNoTrace() {
        ApiClient users = identity.api();
        TenantFixture bakeryTenant = TenantFixture.create(users);
        UUID owner = bakeryTenant.owner().userId();
        ApiClient.Response customer = bakery.api().post("/api/v1/tenants/" + bakeryTenant.tenantId() + "/customers",
                bakeryTenant.owner().accessToken(), Map.of("name", "Cafe Norte"));
        assertThat(customer.status()).as(customer.toString()).isEqualTo(201);

        ApiClient.Response deleted = orchestrator.api().delete("/api/v1/users/" + owner + "?owned_tenants=transfer",
                bakeryTenant.owner().accessToken());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deleted.json().path("status").asText()).as("the person's erasure waits out its window")
                .isEqualTo("SCHEDULED");
        // Support skips the window (the packaged default is 30 days).
        ApiClient.Response skipped = orchestrator.api().delete("/api/v1/users/" + owner + "?immediate=true", serviceToken());
        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(202);
        assertThat(skipped.json().path("job_id").asText()).isEqualTo(deleted.json().path("job_id").asText());
        JsonNode job = awaitFinished(deleted.json().path("job_id").asText(), serviceToken());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        JsonNode tenant = users.get("/api/v1/tenants/" + bakeryTenant.tenantId(), bakeryTenant.admin().accessToken()).json();
        assertThat(tenant.path("owner_id").asText()).isEqualTo(bakeryTenant.admin().userId().toString());
        assertThat(users.post("/api/v1/auth/login", null, Map.of("email", bakeryTenant.owner().email(),
                "password", TenantFixture.PASSWORD)).status()).isEqualTo(401);
        Map<String, Long> traces = new TreeMap<>();
        for (String database : DATABASES.keySet()) {
            traces.putAll(uuidColumnsNaming(owner, database));
        }
        assertThat(traces).as("columns that still hold the erased user's id, except the erasure's own record")
                .isEmpty();
    }

    /**
     * {@code ctl} from the packaged jar, as a separate process, in this split layout: it signs in as
     * the service client at the identity process ({@code --auth-url}), deletes a tenant through the
     * orchestrator's ({@code --url}) and follows the job with {@code --wait}; stdout is the finished
     * job as JSON and nothing else, and the exit codes are the documented ones.
     */
    @Test
    void theCommandLineFromTheJarDeletesATenantThroughTheSplitLayoutAndExitsAsDocumented() throws Exception {
        TenantFixture.Member owner = TenantFixture.register(identity.api(), "owner", "ctl");
        UUID doomed = TenantFixture.createTenant(identity.api(), owner, "Panaderia Ctl");

        CtlProcess deleted = ctl("--json", "tenants", "delete", doomed.toString(), "--immediate", "--yes", "--wait");

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        JsonNode job = tools.jackson.databind.json.JsonMapper.builder().build().readTree(deleted.out());
        assertThat(job.path("status").asText()).as(deleted.toString()).isEqualTo("COMPLETED");
        assertThat(job.path("subject_id").asText()).isEqualTo(doomed.toString());
        assertThat(deleted.err()).contains("COMPLETED  FINAL  25/25 steps");
        assertThat(identity.api().get("/api/v1/tenants/" + doomed, serviceToken()).status()).isEqualTo(404);
        CtlProcess missing = ctl("jobs", "show", UUID.randomUUID().toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).startsWith("error: 404 Not Found: No deletion job");
    }

    /** A finished {@code ctl} process: its exit code and what it printed. */
    private record CtlProcess(int exitCode, String out, String err) {
    }

    /** Runs {@code java -jar bakery-platform.jar ctl <arguments>} against this layout, as the service client. */
    private CtlProcess ctl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "bakery-platform.jar").toAbsolutePath().toString(), "ctl",
                "--url", orchestrator.url(), "--auth-url", identity.url()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("ctl", ".out");
        Path err = Files.createTempFile("ctl", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BAKERY_"));
        builder.environment().put("BAKERY_CLIENT_ID", "bakery-platform");
        builder.environment().put("BAKERY_CLIENT_SECRET", SECRET);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("ctl " + String.join(" ", arguments) + " did not end within 3 minutes");
        }
        return new CtlProcess(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * An operator granted in the identity process acts in the orchestrator's process with their own
     * login (it asks identity about the account on every request), and is refused there on the next
     * request after identity revokes the role: nothing is cached in any process, no token carries it.
     */
    @Test
    void anOperatorGrantedInIdentityActsInTheOrchestratorProcessUntilRevokedThere() {
        ApiClient users = identity.api();
        TenantFixture.Member operator = TenantFixture.registerOperator(users, serviceToken());
        TenantFixture bakeryTenant = TenantFixture.create(users);

        ApiClient.Response preview = orchestrator.api().get("/api/v1/tenants/" + bakeryTenant.tenantId()
                + "/deletion-preview", operator.accessToken());
        ApiClient.Response listed = orchestrator.api().get("/api/v1/deletion-jobs?kind=TENANT&limit=5",
                operator.accessToken());
        ApiClient.Response stats = orchestrator.api().get("/api/v1/deletion-jobs/stats", operator.accessToken());

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("tenant_name").asText()).as("read from the tenant service in identity")
                .startsWith("Bakery ");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(bakery.api().get("/api/v1/tenants/" + bakeryTenant.tenantId() + "/customers", operator.accessToken())
                .status()).as("no bakery data in the data services' process").isEqualTo(403);

        ApiClient.Response revoked = users.put("/api/v1/users/" + operator.userId() + "/platform-roles", serviceToken(),
                Map.of("platform_roles", List.of()));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        ApiClient.Response refused = orchestrator.api().get("/api/v1/deletion-jobs/stats", operator.accessToken());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    /**
     * The operator console is served by the orchestrator's process alone, and its pages sign in at
     * identity (the platform's address of auth), which answers their calls from that origin.
     */
    @Test
    void theConsoleIsServedWhereTheOrchestratorRunsAndSignsInAtIdentity() throws Exception {
        ApiClient.Response config = orchestrator.api().get("/console/config.json", null);

        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.json().path("auth_url").asText()).isEqualTo(identityUrl);
        assertThat(config.headers().getFirst("Content-Security-Policy")).contains("connect-src 'self' " + identityUrl + ";");
        assertThat(orchestrator.api().get("/console/", null).text()).contains("<script type=\"module\" src=\"app.js\">");
        for (PlatformProcess other : List.of(identity, bakery)) {
            assertThat(other.api().get("/console/config.json", serviceToken()).status()).as("no console there").isEqualTo(404);
        }
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(identityUrl + "/api/v1/auth/login"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", orchestratorUrl)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(orchestratorUrl);
    }

    private JsonNode awaitFinished(String jobId, String token) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> orchestrator.api().get("/api/v1/deletion-jobs/" + jobId, token).json(),
                job -> List.of("COMPLETED", "FAILED").contains(job.path("status").asText()));
    }

    private String serviceToken() {
        ApiClient.Response token = identity.api().post("/api/v1/auth/service-token", null,
                Map.of("client_id", "bakery-platform", "client_secret", SECRET));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().path("access_token").asText();
    }

    /**
     * Rows of the tenant in every table with a tenant_id column in the database, read from its
     * catalog; the records of deletions that outlive the tenant on purpose (the tenant service's
     * tenant_deletions, the orchestrator's job store) aside.
     */
    private static long rowsOf(UUID tenant, String database) {
        JdbcTemplate jdbc = jdbc(database);
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences'
                  and c.table_name <> 'retained_records' -- what the law keeps outlives the tenant (docs/retention.md)
                  and c.table_schema not in ('pg_catalog', 'information_schema', 'deletion')
                  and (c.table_schema, c.table_name) <> ('tenant', 'tenant_deletions')""", String.class);
        long rows = 0;
        for (String table : tables) {
            rows += jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant);
        }
        return rows;
    }

    /**
     * Every uuid column of the database that holds the id, but the job's subject, its audit
     * trail's (the record that the erasure happened) and the events announcing it (ids only).
     */
    private static Map<String, Long> uuidColumnsNaming(UUID user, String database) {
        JdbcTemplate jdbc = jdbc(database);
        Map<String, Long> found = new TreeMap<>();
        List<String> columns = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name || '.' || c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.data_type = 'uuid' and t.table_type = 'BASE TABLE'
                  and c.table_schema not in ('pg_catalog', 'information_schema')""", String.class);
        for (String column : columns) {
            if (column.equals("deletion.deletion_jobs.subject_id") || column.equals("deletion.deletion_audit_entries.subject_id")
                    || column.equals("deletion.outbox_events.aggregate_id")) {
                continue;
            }
            int dot = column.lastIndexOf('.');
            long rows = jdbc.queryForObject("select count(*) from " + column.substring(0, dot) + " where "
                    + column.substring(dot + 1) + " = ?", Long.class, user);
            if (rows > 0) {
                found.put(database + ":" + column, rows);
            }
        }
        return found;
    }

    private static JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(SharedTestPostgres.dataSource(DATABASES.get(database)));
    }
}
