package com.bakeryia.launcher.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.ExportSource;
import com.bakeryia.deletion.ExportTable;
import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.orchestrator.export.DataExportStore;
import com.bakeryia.orchestrator.export.DataExports;
import com.bakeryia.orchestrator.export.ExportArchiver;
import com.bakeryia.orchestrator.export.ExportSources;
import com.bakeryia.orchestrator.export.ExportWorker;
import com.bakeryia.orchestrator.job.DatabaseClock;
import com.bakeryia.platform.deletion.LocalExportSources;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A bakery's export end to end, every target in one process: a tenant filled with the demo data
 * generator is exported through the API; every file of the archive holds exactly the tenant's rows
 * of its table (counted and compared by id with the database), its SHA-256 is the manifest's, and
 * the manifest's detached signature verifies with jose4j (a JOSE library other than the signer's)
 * against the published certificate keys, and fails once the manifest is altered. An export whose
 * worker died midway is taken over after its lease and completed to a valid archive, without
 * writing again the tables the dead worker had recorded. The worker of this process is off: the
 * test runs its polls ({@link ExportWorker#runOnce}), so which worker takes an export over is certain.
 * Time moves through the job store clock's one seam ({@link DatabaseClock.Shift}): a link expires
 * after its validity, its file deleted, and a tenant's second export within a day is refused with
 * {@code Retry-After} until the day has passed. Deletions wait out a grace window here (as in
 * production), so a tenant can be exported while PENDING_DELETION; the erasures the tests need at
 * once are asked for by a service with {@code immediate=true}.
 */
@Import(TenantExportEndToEndTest.ShiftedTime.class)
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bakery.export.worker-enabled=false", "bakery.export.lease-duration=2s",
                "bakery.export.heartbeat-interval=500ms", "bakery.deletion.tenant-grace-period=30d",
                "bakery.deletion.user-grace-period=30d"})
class TenantExportEndToEndTest {

    /** How far the job store's clock is moved ahead; back to zero after each test. */
    static final AtomicReference<Duration> SHIFT = new AtomicReference<>(Duration.ZERO);

    @TestConfiguration(proxyBeanMethods = false)
    static class ShiftedTime {

        @Bean
        DatabaseClock.Shift exportTestClockShift() {
            return SHIFT::get;
        }
    }

    @AfterEach
    void timeBackToNow() {
        SHIFT.set(Duration.ZERO);
    }

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    ExportWorker worker;

    @Autowired
    DataExports exports;

    @Autowired
    DataExportStore store;

    @Autowired
    ExportArchiver archiver;

    @Autowired
    LocalExportSources localSources;

    @Autowired
    RemoteServices remoteServices;

    @Autowired
    JsonMapper json;

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    @Test
    void ownerExportsAFilledTenantWhoseFilesMatchTheDatabaseAndWhoseManifestIsSigned() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture fixture = TenantFixture.create(api);
        UUID other = TenantFixture.create(api).tenantId();
        fill(api, service, fixture.tenantId());
        fill(api, service, other);

        ApiClient.Response started = api.post("/api/v1/tenants/" + fixture.tenantId() + "/exports",
                fixture.owner().accessToken(), null);

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String exportId = started.json().path("export_id").asText();
        String location = "/api/v1/tenants/" + fixture.tenantId() + "/exports/" + exportId;
        assertThat(started.header("Location")).containsExactly(location);
        assertThat(started.json().path("status").asText()).isEqualTo("QUEUED");
        JsonNode ready = awaitReady(api, location, fixture.admin().accessToken());
        assertThat(ready.path("archive_url").asText()).isEqualTo(location + "/archive");
        assertThat(ready.path("tables_done").asInt()).isEqualTo(ready.path("tables_total").asInt()).isPositive();

        Map<String, byte[]> archive = unzip(download(location + "/archive", fixture.owner().accessToken()));
        JsonNode manifest = json.readTree(archive.get("manifest.json"));
        assertThat(manifest.path("format_version").asInt()).isEqualTo(1);
        assertThat(manifest.path("tenant_id").asText()).isEqualTo(fixture.tenantId().toString());
        assertThat(manifest.path("generated_at").asText()).isNotBlank();
        assertFilesMatchTheDatabase(archive, manifest, fixture.tenantId());
        assertThat(ready.path("rows_written").asLong()).isEqualTo(sumOfRows(manifest) / 2);
        // Every table of the tenant in every data schema is in the archive, whatever the plans say.
        for (Map.Entry<String, Long> table : countsOf(fixture.tenantId()).entrySet()) {
            if (table.getValue() > 0) {
                String name = table.getKey().replaceFirst("^alert_processor\\.", "alert-processor.").replace('.', '/');
                assertThat(archive).as(table.getKey()).containsKey(name + ".ndjson");
            }
        }

        String jwks = api.get("/api/v1/deletion-certificates/jwks.json", null).text();
        String signature = new String(archive.get("manifest.jws"), StandardCharsets.US_ASCII);
        assertThat(signature).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(verifiesWithJose4j(archive.get("manifest.json"), signature, jwks)).isTrue();
        byte[] altered = new String(archive.get("manifest.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"rows\" : (\\d)", "\"rows\" : 9$1").getBytes(StandardCharsets.UTF_8);
        assertThat(altered).isNotEqualTo(archive.get("manifest.json"));
        assertThat(verifiesWithJose4j(altered, signature, jwks)).isFalse();

        // A range request resumes a download where it broke off.
        byte[] whole = download(location + "/archive", fixture.owner().accessToken());
        HttpResponse<byte[]> tail = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + location
                        + "/archive")).header("Authorization", "Bearer " + fixture.owner().accessToken())
                .header("Range", "bytes=100-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 100, whole.length));

        // The request and each download are in the audit trail, the range too.
        List<String> audited = jdbc.queryForList("select action || ' ' || coalesce(details ->> 'range', '') from"
                + " deletion.deletion_audit_entries where subject_id = ? and details ->> 'export_id' = ? order by seq",
                String.class, fixture.tenantId(), exportId);
        assertThat(audited).containsExactly("EXPORT_REQUESTED ", "EXPORT_DOWNLOADED ", "EXPORT_DOWNLOADED ",
                "EXPORT_DOWNLOADED bytes=100-");

        // Someone who may not manage the tenant reads nothing of it.
        assertThat(api.get(location, fixture.member().accessToken()).status()).isEqualTo(403);
        assertThat(api.get(location, fixture.outsider().accessToken()).status()).isEqualTo(403);
    }

    @Test
    void anExportWhoseWorkerDiedIsTakenOverAfterItsLeaseAndCompletedWithoutWritingItsTablesAgain() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture fixture = TenantFixture.create(api);
        fill(api, service, fixture.tenantId());
        // Nothing else is queued: the poll below claims this export.
        await().atMost(Duration.ofSeconds(60)).until(() -> !worker.runOnce());
        UUID exportId = exports.startTenantExport(fixture.tenantId(), "service:export-test").exportId();
        DataExportStore.Lease lease = store.claim("worker-that-dies", Duration.ofSeconds(1)).orElseThrow();
        assertThat(lease.exportId()).isEqualTo(exportId);

        // The worker dies after writing five tables: what it recorded stays, nothing else of it.
        AtomicInteger tablesRead = new AtomicInteger();
        ExportSources dying = new ExportSources(localSources, remoteServices, Duration.ofSeconds(30)) {
            @Override
            public ExportSource source(String name) {
                ExportSource real = super.source(name);
                return new ExportSource() {
                    @Override
                    public String service() {
                        return real.service();
                    }

                    @Override
                    public List<ExportTable> tables(DeletionSubject subject) {
                        return real.tables(subject);
                    }

                    @Override
                    public long rows(DeletionSubject subject, String table, Consumer<String> row) {
                        if (tablesRead.incrementAndGet() > 5) {
                            throw new WorkerDied();
                        }
                        return real.rows(subject, table, row);
                    }
                };
            }
        };
        ExportArchiver dyingArchiver = new ExportArchiver(store, dying, null, json, archiver.directory(),
                Duration.ofDays(7), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> dyingArchiver.build(lease)).isInstanceOf(WorkerDied.class);
        assertThat(store.parts(exportId)).hasSize(5);
        assertThat(store.find(exportId).orElseThrow().status().name()).isEqualTo("RUNNING");

        // Once the lease has run out (by the database's clock), the next poll takes the export over.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(worker::runOnce);
        JsonNode ready = awaitReady(api, "/api/v1/tenants/" + fixture.tenantId() + "/exports/" + exportId,
                fixture.owner().accessToken());
        assertThat(ready.path("tables_done").asInt()).isEqualTo(ready.path("tables_total").asInt());
        List<Long> versions = jdbc.queryForList("select written_by_version from deletion.data_export_parts"
                + " where export_id = ? order by position", Long.class, exportId);
        assertThat(versions.subList(0, 5)).containsOnly(lease.version());
        assertThat(versions.subList(5, versions.size())).isNotEmpty().doesNotContain(lease.version());
        assertThat(jdbc.queryForObject("select attempts from deletion.data_exports where id = ?", Integer.class, exportId))
                .isEqualTo(2);

        Map<String, byte[]> archive = unzip(download("/api/v1/tenants/" + fixture.tenantId() + "/exports/" + exportId
                + "/archive", fixture.owner().accessToken()));
        JsonNode manifest = json.readTree(archive.get("manifest.json"));
        assertFilesMatchTheDatabase(archive, manifest, fixture.tenantId());
        String jwks = api.get("/api/v1/deletion-certificates/jwks.json", null).text();
        assertThat(verifiesWithJose4j(archive.get("manifest.json"),
                new String(archive.get("manifest.jws"), StandardCharsets.US_ASCII), jwks)).isTrue();
    }

    @Test
    void aLinkWorksUntilItsValidityEndsThenTheExportIsExpiredAndItsFileDeleted() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String location = api.post("/api/v1/tenants/" + fixture.tenantId() + "/exports", fixture.owner().accessToken(), null)
                .header("Location").get(0);
        JsonNode ready = awaitReady(api, location, fixture.owner().accessToken());
        java.nio.file.Path file = archiver.directory().resolve(jdbc.queryForObject(
                "select file_name from deletion.data_exports where id = ?::uuid", String.class, ready.path("export_id").asText()));
        assertThat(file).exists();
        Instant expiresAt = Instant.parse(ready.path("expires_at").asText());
        assertThat(Duration.between(Instant.parse(ready.path("completed_at").asText()), expiresAt)).isEqualTo(Duration.ofDays(7));

        SHIFT.set(Duration.ofDays(7).minusMinutes(1));
        worker.expireOnce();
        assertThat(api.get(location, fixture.owner().accessToken()).json().path("status").asText()).isEqualTo("READY");
        assertThat(download(location + "/archive", fixture.owner().accessToken())).isNotEmpty();

        SHIFT.set(Duration.ofDays(7).plusSeconds(1));
        assertThat(worker.expireOnce()).isPositive();

        JsonNode expired = api.get(location, fixture.owner().accessToken()).json();
        assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.path("archive_url").isMissingNode() || expired.path("archive_url").isNull()).isTrue();
        assertThat(file).doesNotExist();
        ApiClient.Response gone = api.get(location + "/archive", fixture.owner().accessToken());
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.isProblem()).isTrue();
    }

    @Test
    void aTenantsSecondExportWithinADayIsRefusedWithRetryAfterUntilTheDayHasPassed() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture fixture = TenantFixture.create(api);
        String exports = "/api/v1/tenants/" + fixture.tenantId() + "/exports";
        assertThat(api.post(exports, fixture.owner().accessToken(), null).status()).isEqualTo(202);

        SHIFT.set(Duration.ofHours(23));
        for (String token : List.of(fixture.admin().accessToken(), service)) {
            ApiClient.Response refused = api.post(exports, token, null);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.isProblem()).isTrue();
            long retryAfter = Long.parseLong(refused.header("Retry-After").get(0));
            assertThat(retryAfter).isBetween(Duration.ofMinutes(55).toSeconds(), Duration.ofHours(1).toSeconds() + 1);
        }

        SHIFT.set(Duration.ofDays(1).plusSeconds(1));
        ApiClient.Response again = api.post(exports, fixture.admin().accessToken(), null);
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
    }

    @Test
    void aPersonsExportHoldsTheirAccountTheirMembershipsAndEveryRowThatNamesThem() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture fixture = TenantFixture.create(api);
        fill(api, service, fixture.tenantId());
        TenantFixture.Member person = fixture.member();
        assertThat(api.post("/api/v1/tenants/" + fixture.tenantId() + "/customers", person.accessToken(),
                Map.of("name", "Panadería " + UUID.randomUUID())).status()).isEqualTo(201);
        String exportsPath = "/api/v1/users/" + person.userId() + "/exports";
        assertThat(api.post(exportsPath, fixture.owner().accessToken(), null).status()).isEqualTo(403);

        ApiClient.Response started = api.post(exportsPath, person.accessToken(), null);

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location").get(0);
        assertThat(location).startsWith(exportsPath + "/");
        awaitReady(api, location, person.accessToken());
        assertThat(api.get(location, fixture.owner().accessToken()).status()).isEqualTo(403);
        Map<String, byte[]> archive = unzip(download(location + "/archive", person.accessToken()));
        JsonNode manifest = json.readTree(archive.get("manifest.json"));
        assertThat(manifest.path("kind").asText()).isEqualTo("USER");
        assertThat(manifest.path("user_id").asText()).isEqualTo(person.userId().toString());

        // Independently of any plan: every table of every schema with a uuid column holding the person's id.
        Map<String, Long> naming = rowsNaming(person.userId());
        assertThat(naming).containsKeys("auth.users", "tenant.memberships");
        Map<String, Long> exported = new LinkedHashMap<>();
        for (JsonNode file : manifest.path("files")) {
            byte[] content = archive.get(file.path("name").asText());
            assertThat(sha256(content)).isEqualTo(file.path("sha256").asText());
            if (file.path("format").asText().equals("ndjson")) {
                exported.put(file.path("service").asText().replace('-', '_') + "." + file.path("table").asText(),
                        file.path("rows").asLong());
                String text = new String(content, StandardCharsets.UTF_8);
                for (String line : text.isEmpty() ? List.<String>of() : List.of(text.split("\n"))) {
                    assertThat(line).as(file.path("name").asText()).contains(person.userId().toString());
                }
            }
        }
        naming.forEach((table, rows) -> assertThat(exported.get(table)).as(table).isEqualTo(rows));
        String account = new String(archive.get("auth/users.ndjson"), StandardCharsets.UTF_8);
        assertThat(account).contains(person.email()).doesNotContain("password");
    }

    /**
     * Rows per table (schema.table) in which some uuid column holds {@code userId}, read from the
     * catalog: every column but a table's own {@code id}, which is the person only in their account.
     */
    private Map<String, Long> rowsNaming(UUID userId) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        jdbc.query("""
                select c.table_schema || '.' || c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.udt_name = 'uuid' and t.table_type = 'BASE TABLE'
                  and c.table_schema not in ('deletion', 'pg_catalog', 'information_schema')
                  and (c.column_name <> 'id' or (c.table_schema = 'auth' and c.table_name = 'users'))
                order by 1, 2""", row -> {
            columns.computeIfAbsent(row.getString(1), table -> new ArrayList<>()).add(row.getString(2));
        });
        Map<String, Long> naming = new LinkedHashMap<>();
        columns.forEach((table, uuidColumns) -> {
            String condition = String.join(" or ", uuidColumns.stream().map(column -> column + " = ?").toList());
            Long rows = jdbc.queryForObject("select count(*) from " + table + " where " + condition, Long.class,
                    uuidColumns.stream().map(column -> (Object) userId).toArray());
            if (rows != null && rows > 0) {
                naming.put(table, rows);
            }
        });
        return naming;
    }

    @Test
    void anErasedPersonsExportIsDeletedWithThem() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture fixture = TenantFixture.create(api);
        TenantFixture.Member person = fixture.member();
        String location = api.post("/api/v1/users/" + person.userId() + "/exports", person.accessToken(), null)
                .header("Location").get(0);
        JsonNode ready = awaitReady(api, location, person.accessToken());
        java.nio.file.Path file = archiver.directory().resolve(jdbc.queryForObject(
                "select file_name from deletion.data_exports where id = ?::uuid", String.class, ready.path("export_id").asText()));
        assertThat(file).exists();

        ApiClient.Response erasure = api.delete("/api/v1/users/" + person.userId() + "?immediate=true", service);
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(202);
        String job = "/api/v1/deletion-jobs/" + erasure.json().path("job_id").asText();
        await().atMost(Duration.ofMinutes(2)).until(() -> api.get(job, service).json().path("status").asText(),
                status -> status.equals("COMPLETED"));

        assertThat(worker.forgetErasedOnce()).isPositive();
        assertThat(api.get(location, service).status()).isIn(404);
        assertThat(file).doesNotExist();
        assertThat(jdbc.queryForObject("select count(*) from deletion.data_exports where subject_id = ?", Long.class,
                person.userId())).isZero();
    }

    /**
     * The grace window is when an owner most needs their export: a tenant PENDING_DELETION is
     * exported by its owner; once the tenant service has marked it DELETING (set here as the job's
     * start sets it, so the case is certain rather than a race with a running job) an export is
     * refused with 409; a tenant whose deletion completed no longer exists (404).
     */
    @Test
    void aTenantPendingDeletionCanBeExportedOneBeingDeletedCannotAndADeletedOneIsGone() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture pending = TenantFixture.create(api);
        String tenant = "/api/v1/tenants/" + pending.tenantId();
        ApiClient.Response scheduled = api.delete(tenant, pending.owner().accessToken());
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(202);
        assertThat(scheduled.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(api.get(tenant, service).json().path("status").asText()).isEqualTo("PENDING_DELETION");

        // The scheduling answer offers the export: where to start it.
        assertThat(scheduled.json().path("export_url").asText()).isEqualTo(tenant + "/exports");

        ApiClient.Response started = api.post(scheduled.json().path("export_url").asText(),
                pending.owner().accessToken(), null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode ready = awaitReady(api, started.header("Location").get(0), pending.owner().accessToken());
        Map<String, byte[]> archive = unzip(download(ready.path("archive_url").asText(), pending.owner().accessToken()));
        assertThat(archive).containsKeys("manifest.json", "manifest.jws");

        jdbc.update("update tenant.tenants set status = 'DELETING' where id = ?", pending.tenantId());
        // A day later, so the daily limit cannot be what refuses it.
        SHIFT.set(Duration.ofDays(1).plusSeconds(1));
        ApiClient.Response deleting = api.post(tenant + "/exports", service, null);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(409);
        assertThat(deleting.isProblem()).isTrue();
        assertThat(deleting.json().path("detail").asText()).contains("DELETING");

        TenantFixture deleted = TenantFixture.create(api);
        ApiClient.Response erasure = api.delete("/api/v1/tenants/" + deleted.tenantId() + "?immediate=true", service);
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(202);
        // A deletion under way offers no export: it would be refused.
        assertThat(erasure.json().has("export_url")).as(erasure.toString()).isFalse();
        String job = "/api/v1/deletion-jobs/" + erasure.json().path("job_id").asText();
        await().atMost(Duration.ofMinutes(2)).until(() -> api.get(job, service).json().path("status").asText(),
                status -> status.equals("COMPLETED"));
        ApiClient.Response gone = api.post("/api/v1/tenants/" + deleted.tenantId() + "/exports", service, null);
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.isProblem()).isTrue();
    }

    /**
     * A person's scheduled erasure offers their export too: the person is locked out from their
     * request on, so a service (support) starts it at the answer's {@code export_url} for them.
     */
    @Test
    void aPersonsScheduledErasureOffersTheirExportWhichAServiceStartsForThem() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("export-test").value();
        TenantFixture.Member person = TenantFixture.create(api).member();
        ApiClient.Response scheduled = api.delete("/api/v1/users/" + person.userId(), person.accessToken());
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(202);
        assertThat(scheduled.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.json().path("export_url").asText()).isEqualTo("/api/v1/users/" + person.userId() + "/exports");

        ApiClient.Response started = api.post(scheduled.json().path("export_url").asText(), service, null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(awaitReady(api, started.header("Location").get(0), service).path("archive_url").asText()).isNotBlank();
    }

    /** Thrown where the dying worker stops, as if its process had ended. */
    static final class WorkerDied extends RuntimeException {
    }

    /** Each file: its SHA-256 is the manifest's; its rows are the tenant's rows of its table, by count and by id. */
    private void assertFilesMatchTheDatabase(Map<String, byte[]> archive, JsonNode manifest, UUID tenantId)
            throws Exception {
        Set<String> listed = new HashSet<>();
        for (JsonNode file : manifest.path("files")) {
            String name = file.path("name").asText();
            listed.add(name);
            byte[] content = archive.get(name);
            assertThat(content).as(name).isNotNull();
            assertThat(sha256(content)).as(name).isEqualTo(file.path("sha256").asText());
            assertThat((long) content.length).as(name).isEqualTo(file.path("bytes").asLong());
            String schema = file.path("service").asText().replace('-', '_');
            String table = schema + "." + file.path("table").asText();
            long rows = file.path("rows").asLong();
            assertThat(rows).as(table).isEqualTo(jdbc.queryForObject("select count(*) from " + table
                    + " where tenant_id = ?", Long.class, tenantId));
            String text = new String(content, StandardCharsets.UTF_8);
            if (file.path("format").asText().equals("ndjson")) {
                List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
                assertThat(lines).as(name).hasSize((int) rows);
                Set<String> ids = new HashSet<>();
                for (String line : lines) {
                    JsonNode row = json.readTree(line);
                    assertThat(row.path("tenant_id").asText()).as(name).isEqualTo(tenantId.toString());
                    ids.add(row.path("id").asText());
                }
                if (hasColumn(schema, file.path("table").asText(), "id")) {
                    assertThat(ids).as(name).isEqualTo(new HashSet<>(jdbc.queryForList("select id::text from " + table
                            + " where tenant_id = ?", String.class, tenantId)));
                }
            } else {
                assertThat(text.split("\r\n", -1)).as(name).hasSize((int) rows + 2);
            }
        }
        assertThat(archive.keySet()).containsAll(listed).contains("manifest.json", "manifest.jws");
        assertThat(archive).hasSize(listed.size() + 2);
    }

    private boolean hasColumn(String schema, String table, String column) {
        return jdbc.queryForObject("select count(*) from information_schema.columns where table_schema = ? and"
                + " table_name = ? and column_name = ?", Integer.class, schema, table, column) > 0;
    }

    private static long sumOfRows(JsonNode manifest) {
        long sum = 0;
        for (JsonNode file : manifest.path("files")) {
            sum += file.path("rows").asLong();
        }
        return sum;
    }

    /** Verifies the detached JWS over {@code manifest} with jose4j, the key chosen by the header's kid. */
    private static boolean verifiesWithJose4j(byte[] manifest, String detached, String jwks) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(detached);
        jws.setEncodedPayload(Base64Url.encode(manifest));
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("ES256");
        jws.setKey(((PublicJsonWebKey) new JsonWebKeySet(jwks).getJsonWebKeys().stream()
                .filter(key -> key.getKeyId().equals(jws.getKeyIdHeaderValue())).findFirst().orElseThrow()).getPublicKey());
        return jws.verifySignature();
    }

    private JsonNode awaitReady(ApiClient api, String location, String token) {
        AtomicInteger polls = new AtomicInteger();
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (polls.incrementAndGet() > 0) {
                worker.runOnce();
            }
            ApiClient.Response read = api.get(location, token);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("status").asText()).as(read.toString()).isNotEqualTo("FAILED");
            return read.json();
        }, export -> export.path("status").asText().equals("READY"));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private byte[] download(String path, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
        return response.body();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static void fill(ApiClient api, String service, UUID tenant) {
        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenant + "/demo-data?size=small", service, null);
        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
    }

    /** Rows of the tenant in every table with a tenant_id column in every data schema, found in the catalog. */
    private Map<String, Long> countsOf(UUID tenant) {
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
                  and c.table_schema not in ('tenant', 'auth', 'deletion', 'pg_catalog', 'information_schema')
                order by 1""", String.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant));
        }
        return counts;
    }
}
