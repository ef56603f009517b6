package com.bakeryia.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ctl} against a real platform (every target in one process, no grace window, the shared
 * embedded PostgreSQL), run in-process as the executable runs it, with credentials from an
 * environment of its own: every command, {@code --json} parsed, each exit code, a tenant deletion
 * followed with {@code --wait} to COMPLETED, a FAILED job retried, a certificate fetched and
 * verified, and the audit trail verified. The same annotations as the deletion end-to-end tests,
 * so they share one Spring context.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CtlEndToEndTest {

    /** A table no deletion plan declares: the catalog scan finds the tenant's rows in it and fails the job. */
    private static final String STRAY_TABLE = "orders.ctl_stray_rows";

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    ServiceClientCredentials serviceClient;

    @TempDir
    Path directory;

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));
    private ApiClient api;
    private CtlRunner service;

    @BeforeEach
    void asTheServiceClient() {
        api = ApiClient.onPort(port);
        service = CtlRunner.against(url(), Map.of("BAKERY_CLIENT_ID", serviceClient.clientId(),
                "BAKERY_CLIENT_SECRET", serviceClient.secret()));
    }

    @AfterEach
    void dropTheStrayTable() {
        jdbc.execute("drop table if exists " + STRAY_TABLE);
    }

    @Test
    void aTenantDeletionFollowedWithWaitCompletesAndItsCertificateAndTheAuditTrailVerify() throws Exception {
        TenantFixture doomed = TenantFixture.create(api);
        ApiClient.Response filled = api.post("/api/v1/tenants/" + doomed.tenantId() + "/demo-data?size=small",
                tokens.issueServiceToken("ctl-test").value(), null);
        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);

        CtlRunner.Result preview = service.run("tenants", "preview", doomed.tenantId().toString());
        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(preview.out()).contains("SERVICE", "TABLE", "orders", "customers").containsPattern("Total: [0-9,]+ rows in 13 services");
        long previewed = service.run("--json", "tenants", "preview", doomed.tenantId().toString()).json().path("total_items").asLong();
        assertThat(previewed).isPositive();

        CtlRunner.Result deleted = service.run("tenants", "delete", doomed.tenantId().toString(), "--immediate", "--yes", "--wait");

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        String jobId = between(deleted.out(), "job ", " is ");
        assertThat(deleted.out()).startsWith("Deletion of tenant " + doomed.tenantId() + ": job " + jobId + " is ")
                .containsPattern("Status +COMPLETED").containsPattern(String.format("Rows deleted +%,d", previewed))
                .as("after --wait only the steps that did not succeed are listed").doesNotContain("SUCCEEDED");
        List<String> progress = deleted.err().lines().filter(line -> line.contains(" steps ")).toList();
        assertThat(progress).as("one progress line per change, not redrawn off a terminal: %s", deleted)
                .isNotEmpty().doesNotHaveDuplicates();
        assertThat(progress).allMatch(line -> Pattern.matches("[A-Z]+  [A-Z-]+  \\d+/(\\d+|\\?) steps  [0-9,]+ rows deleted", line),
                "STATUS  PHASE  n/total steps  rows deleted");
        assertThat(progress.get(progress.size() - 1)).isEqualTo(String.format("COMPLETED  FINAL  25/25 steps  %,d rows deleted",
                previewed));
        assertThat(deleted.err()).contains("job " + jobId + " COMPLETED in").doesNotContain("\r");
        assertThat(api.get("/api/v1/tenants/" + doomed.tenantId(), tokens.issueServiceToken("ctl-test").value()).status())
                .isEqualTo(404);

        JsonNode job = service.run("--json", "jobs", "show", jobId).json();
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("total_items_deleted").asLong()).isEqualTo(previewed);
        CtlRunner.Result shown = service.run("jobs", "show", jobId);
        assertThat(shown.out()).containsPattern("Status +COMPLETED").contains("PHASE", "ATTEMPTS", "LAST ERROR")
                .containsPattern("DELETE +orders +SUCCEEDED +1/5").containsPattern("FINAL +tenant +SUCCEEDED");

        Path certificate = directory.resolve("certificate.jws");
        CtlRunner.Result fetched = service.run("certificates", "fetch", jobId, "-o", certificate.toString());
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        assertThat(Files.readString(certificate).strip()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        CtlRunner.Result verified = CtlRunner.against(url(), Map.of()).run("certificates", "verify", certificate.toString());
        assertThat(verified.exitCode()).as("keys from the platform, no credentials needed: %s", verified).isZero();
        assertThat(verified.out()).startsWith("valid: signed by key ").contains(jobId).contains(doomed.tenantId().toString());
        JsonNode asJson = service.run("--json", "certificates", "fetch", jobId).json();
        assertThat(asJson.path("claims").path("totals").path("deleted").asLong()).isEqualTo(previewed);
        Path jsonForm = Files.writeString(directory.resolve("certificate.json"), asJson.toString());
        Path keys = Files.writeString(directory.resolve("jwks.json"),
                api.get("/api/v1/deletion-certificates/jwks.json", null).text());
        JsonNode check = service.run("--json", "certificates", "verify", jsonForm.toString(), "--jwks", keys.toString()).json();
        assertThat(check.path("valid").asBoolean()).isTrue();
        assertThat(check.path("claims").path("job_id").asText()).isEqualTo(jobId);

        String auditHead = check.path("claims").path("audit_head").asText();
        CtlRunner.Result audit = service.run("audit", "verify", "--audit-head", auditHead);
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out()).startsWith("valid: ").contains("audit head " + auditHead + " found at entry ");
        JsonNode chain = service.run("--json", "audit", "verify").json();
        assertThat(chain.path("valid").asBoolean()).isTrue();
        assertThat(chain.path("entries").asLong()).isPositive();
        CtlRunner.Result unknownHead = service.run("audit", "verify", "--audit-head", "0".repeat(64));
        assertThat(unknownHead.exitCode()).as("a head the chain does not hold: %s", unknownHead).isEqualTo(1);
        assertThat(unknownHead.out()).contains("NOT found");
    }

    @Test
    void aFailedJobIsListedAndShownWithItsFailedStepAndRetriedToCompleted() {
        TenantFixture bakery = TenantFixture.create(api);
        // Created after start-up, so only the catalog scan sees it: the job fails for good, naming it.
        jdbc.execute("create table " + STRAY_TABLE + " (id bigserial primary key, tenant_id uuid not null)");
        jdbc.update("insert into " + STRAY_TABLE + " (tenant_id) select ? from generate_series(1, 2)", bakery.tenantId());

        CtlRunner.Result failed = service.run("tenants", "delete", bakery.tenantId().toString(), "--yes", "--wait");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        String jobId = between(failed.out(), "job ", " is ");
        assertThat(failed.err()).contains("job " + jobId + " FAILED: step VERIFY orders failed after 1 attempts:")
                .contains(STRAY_TABLE + ".tenant_id=2").contains("ctl jobs retry " + jobId + " --wait");
        assertThat(failed.out()).containsPattern("Status +FAILED").containsPattern("VERIFY +orders +FAILED +1/5");

        CtlRunner.Result listed = service.run("jobs", "list", "--status", "failed", "--subject", bakery.tenantId().toString());
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("JOB", "FAILED STEP").contains(jobId).contains("VERIFY orders");
        JsonNode page = service.run("--json", "jobs", "list", "--kind", "TENANT", "--status", "FAILED,RUNNING",
                "--since", "1h").json();
        assertThat(items(page)).anySatisfy(job -> assertThat(job.path("job_id").asText()).isEqualTo(jobId));
        assertThat(items(page)).allSatisfy(job -> assertThat(job.path("status").asText()).isIn("FAILED", "RUNNING"));
        assertThat(items(service.run("--json", "jobs", "list", "--subject", bakery.tenantId().toString(), "--until",
                "2020-01-01").json())).as("created before 2020: none").isEmpty();

        jdbc.execute("drop table " + STRAY_TABLE);
        CtlRunner.Result retried = service.run("jobs", "retry", jobId, "--wait");

        assertThat(retried.exitCode()).as(retried.toString()).isZero();
        assertThat(retried.out()).startsWith("Job " + jobId + " is RUNNING again: ");
        assertThat(retried.err()).contains("COMPLETED  FINAL  25/25 steps");
        CtlRunner.Result again = service.run("jobs", "retry", jobId);
        assertThat(again.exitCode()).as("only a FAILED job is retried: %s", again).isEqualTo(5);
        assertThat(again.err()).startsWith("error: 409 Conflict: ").contains("has not failed");
    }

    @Test
    void aUserIsPreviewedByThemselvesAndErasedByTheServiceWithJsonForScripts() {
        TenantFixture bakery = TenantFixture.create(api);
        TenantFixture.Member leaver = bakery.member();
        CtlRunner asLeaver = CtlRunner.against(url(), Map.of("BAKERY_EMAIL", leaver.email(),
                "BAKERY_PASSWORD", TenantFixture.PASSWORD));

        CtlRunner.Result preview = asLeaver.run("users", "preview", leaver.userId().toString());

        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(preview.out()).contains("MEMBERSHIP REMOVED").contains(bakery.tenantId().toString()).contains("MEMBER")
                .contains("auth");
        JsonNode previewed = service.run("--json", "users", "preview", leaver.userId().toString()).json();
        assertThat(previewed.path("memberships").size()).isEqualTo(1);
        JsonNode handOver = service.run("--json", "users", "preview", bakery.owner().userId().toString(),
                "--owned-tenants", "transfer", "--new-owner", bakery.tenantId() + ":" + bakery.member().userId()).json();
        assertThat(handOver.path("owned_tenants").get(0).path("action").asText())
                .as("the chosen new owner is no ADMIN: the transfer is blocked").isEqualTo("BLOCKED");
        JsonNode toAdmin = service.run("--json", "users", "preview", bakery.owner().userId().toString(),
                "--owned-tenants", "TRANSFER", "--new-owner", bakery.tenantId() + ":" + bakery.admin().userId()).json();
        assertThat(toAdmin.path("owned_tenants").get(0).path("new_owner_id").asText())
                .isEqualTo(bakery.admin().userId().toString());

        CtlRunner.Result erased = service.run("--json", "users", "delete", leaver.userId().toString(), "--yes", "--wait");

        assertThat(erased.exitCode()).as(erased.toString()).isZero();
        JsonNode job = erased.json();
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("kind").asText()).isEqualTo("USER");
        assertThat(job.path("subject_id").asText()).isEqualTo(leaver.userId().toString());
        assertThat(erased.err()).contains("COMPLETED  FINAL  28/28 steps");
        CtlRunner.Result gone = service.run("users", "restore", leaver.userId().toString());
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(3);
        CtlRunner.Result loginGone = asLeaver.run("users", "preview", leaver.userId().toString());
        assertThat(loginGone.exitCode()).as("the erased person cannot sign in: %s", loginGone).isEqualTo(4);
        assertThat(loginGone.err()).contains("signing in with the login of " + leaver.email());
    }

    @Test
    void anOperatorActsOnEveryDeletionRecordWithTheirOwnLoginAndIsRecordedAsWhoAsked() {
        TenantFixture bakery = TenantFixture.create(api);
        TenantFixture.Member operator = TenantFixture.registerOperator(api, tokens.issueServiceToken("ctl-test").value());
        CtlRunner asOperator = CtlRunner.against(url(), Map.of("BAKERY_EMAIL", operator.email(),
                "BAKERY_PASSWORD", TenantFixture.PASSWORD));

        CtlRunner.Result preview = asOperator.run("tenants", "preview", bakery.tenantId().toString());
        CtlRunner.Result deleted = asOperator.run("--json", "tenants", "delete", bakery.tenantId().toString(),
                "--immediate", "--yes", "--wait");

        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(deleted.json().path("initiated_by").asText()).isEqualTo(operator.userId().toString());
        String jobId = deleted.json().path("job_id").asText();
        CtlRunner.Result listed = asOperator.run("jobs", "list", "--subject", bakery.tenantId().toString());
        assertThat(listed.out()).contains(jobId).contains("COMPLETED");
        CtlRunner.Result stats = asOperator.run("jobs", "stats");
        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.out()).containsPattern("Failed +[0-9,]+").contains("in the last hour");
        JsonNode figures = asOperator.run("--json", "jobs", "stats").json();
        assertThat(figures.path("rows_deleted_last_hour").asLong()).as("this test's deletion counts").isPositive();
        assertThat(asOperator.run("audit", "verify").exitCode()).isZero();
        assertThat(asOperator.run("certificates", "fetch", jobId).out()).matches("(?s)[\\w-]+\\.[\\w-]+\\.[\\w-]+\\s*");
        CtlRunner.Result notOperator = CtlRunner.against(url(), Map.of("BAKERY_EMAIL", bakery.owner().email(),
                "BAKERY_PASSWORD", TenantFixture.PASSWORD)).run("jobs", "stats");
        assertExit(notOperator, 4, "error: 403 Forbidden");
    }

    @Test
    void eachKindOfRefusalExitsWithItsOwnCode() {
        TenantFixture bakery = TenantFixture.create(api);
        String tenant = bakery.tenantId().toString();
        CtlRunner asMember = CtlRunner.against(url(), Map.of("BAKERY_EMAIL", bakery.member().email(),
                "BAKERY_PASSWORD", TenantFixture.PASSWORD));

        assertExit(service.run("jobs", "show", UUID.randomUUID().toString()), 3, "error: 404 Not Found: No deletion job");
        assertExit(asMember.run("tenants", "preview", tenant), 4, "error: 403 Forbidden: Only the OWNER or an ADMIN");
        assertExit(asMember.run("jobs", "list"), 4, "error: 403 Forbidden");
        assertExit(CtlRunner.against(url(), Map.of("BAKERY_TOKEN", "not-a-token")).run("jobs", "list"), 4, "error: 401");
        assertExit(asMember.with("BAKERY_PASSWORD", "wrong-password").run("jobs", "list"), 4, "failed: 401");
        assertExit(service.run("tenants", "restore", tenant), 5, "error: 409 Conflict: No deletion of tenant " + tenant
                + " is scheduled");
        assertExit(service.run("users", "restore", bakery.viewer().userId().toString()), 5, "error: 409 Conflict");
        assertExit(service.run("tenants", "preview", "00000000-0000-0000-0000-000000000000"), 2, "error: 400");
        assertExit(service.run("jobs", "show", "not-a-job"), 2, "'not-a-job' is not a UUID");
        assertExit(CtlRunner.against(url(), Map.of()).run("jobs", "list"), 2, "error: no credentials: set BAKERY_TOKEN");
        assertExit(CtlRunner.against("http://127.0.0.1:" + PlatformProcess.freePort(), Map.of("BAKERY_TOKEN", "x"))
                .run("jobs", "list"), 6, "cannot reach the platform");
        assertThat(api.get("/api/v1/tenants/" + tenant, bakery.owner().accessToken()).json().path("status").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void aDeletionAsksToTypeTheNameOrIdBackOnATerminalAndRefusesWithoutOne() {
        TenantFixture bakery = TenantFixture.create(api);
        String tenant = bakery.tenantId().toString();

        String name = api.get("/api/v1/tenants/" + tenant, bakery.owner().accessToken()).json().path("name").asText();

        assertExit(service.run("tenants", "delete", tenant), 2, "no terminal to ask on: pass --yes");
        CtlRunner.Result mistyped = service.typing(tenant).run("tenants", "delete", tenant);
        assertExit(mistyped, 2, "the confirmation did not match; nothing was deleted");
        assertThat(mistyped.err()).contains("Deleting tenant " + name + " (" + tenant + ") removes ")
                .contains(" rows in 13 services").contains("Type " + name + " (the tenant's name) to confirm: ");
        CtlRunner.Result wrongUser = service.typing("someone else").run("users", "delete", bakery.viewer().userId().toString());
        assertExit(wrongUser, 2, "the confirmation did not match");
        assertThat(wrongUser.err()).contains("Type " + bakery.viewer().userId() + " (the user's id) to confirm: ");
        assertExit(service.run("users", "delete", bakery.viewer().userId().toString()), 2, "pass --yes");
        assertThat(api.get("/api/v1/tenants/" + tenant, bakery.owner().accessToken()).json().path("status").asText())
                .as("nothing was deleted").isEqualTo("ACTIVE");

        CtlRunner.Result confirmed = service.typing(name).run("tenants", "delete", tenant, "--wait");

        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(confirmed.err()).contains("COMPLETED in");
    }

    @Test
    void aPrivateCredentialsFileIsUsedAndOneOthersCanReadIsRefused() throws Exception {
        Path file = directory.resolve("ops.properties");
        Files.writeString(file, "client_id=" + serviceClient.clientId() + "\nclient_secret=" + serviceClient.secret() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        CtlRunner.Result listed = CtlRunner.against(url(), Map.of("BAKERY_TOKEN", "ignored-when-a-file-is-named"))
                .run("--json", "jobs", "list", "--credentials-file", file.toString(), "--limit", "1");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(items(listed.json())).hasSizeLessThanOrEqualTo(1);
        CtlRunner.Result fromEnvironment = CtlRunner.against(url(), Map.of("BAKERY_CREDENTIALS_FILE", file.toString()))
                .run("jobs", "list");
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isZero();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CtlRunner.Result refused = CtlRunner.against(url(), Map.of()).run("jobs", "list", "--credentials-file", file.toString());
        assertExit(refused, 2, "credentials file " + file + " is open to others (rw-r--r--)");
        assertThat(refused.err()).contains("chmod 600");
    }

    private static void assertExit(CtlRunner.Result run, int exitCode, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.out()).as("nothing on stdout when a command fails: %s", run).isEmpty();
    }

    /** The jobs of a page of the list. */
    private static List<JsonNode> items(JsonNode page) {
        assertThat(page.path("items").isArray()).as("a page: %s", page).isTrue();
        return page.path("items").valueStream().toList();
    }

    private static String between(String text, String before, String after) {
        int start = text.indexOf(before) + before.length();
        return text.substring(start, text.indexOf(after, start));
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }
}
