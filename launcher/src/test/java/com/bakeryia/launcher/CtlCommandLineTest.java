package com.bakeryia.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ctl} without a platform: its help, usage errors and credentials refusals (nothing is
 * sent), and against a stand-in over real HTTP what a real platform does not do on demand: answer
 * 429, 503 and 500, refuse an expired token, serve logins on another address. Pauses are recorded,
 * never waited for.
 */
class CtlCommandLineTest {

    private static final String JOB = "5a7f2c1e-0b7d-4a53-9d55-2f1d8a0c6e11";
    private static final String JOB_PATH = "/api/v1/deletion-jobs/" + JOB;

    @TempDir
    Path directory;

    private final StubPlatform platform = new StubPlatform();
    private final List<Duration> pauses = new ArrayList<>();

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void helpListsTheCommandsTheExitCodesAndWhereCredentialsComeFrom() {
        CtlRunner.Result help = offline().run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("jobs", "tenants", "users", "certificates", "audit", "exports", "--url", "--auth-url", "--json",
                "--timeout", "--credentials-file", "BAKERY_TOKEN", "BAKERY_EMAIL", "BAKERY_CLIENT_ID", "chmod 600")
                .contains("Exit codes:").contains("7   --wait timed out");
        CtlRunner.Result deleteHelp = offline().run("users", "delete", "--help");
        assertThat(deleteHelp.exitCode()).isZero();
        assertThat(deleteHelp.out()).contains("--immediate", "--owned-tenants", "--new-owner", "--yes", "--wait",
                "--wait-timeout", "--wait-scheduled", "--json");
    }

    @Test
    void usageErrorsExitTwoSayingWhatWasExpectedAndSendNothing() {
        assertUsage(offline().run(), "Missing a command: jobs, tenants, users, certificates or audit");
        assertUsage(offline().run("jobs"), "Missing a command: list, retry, show, stats");
        assertUsage(offline().run("jobs", "show", "5a7f2c1e"), "'5a7f2c1e' is not a UUID");
        assertUsage(offline().run("jobs", "show", "1-2-3-4-5"), "is not a UUID");
        assertUsage(offline().run("jobs", "list", "--status", "DONE"), "--status");
        assertUsage(offline().run("jobs", "list", "--limit", "0"), "--limit must be 1 or more");
        assertUsage(offline().run("jobs", "list", "--since", "last tuesday"), "--since 'last tuesday' is neither");
        assertUsage(offline().run("jobs", "show", JOB, "--wait-timeout", "soon"), "'soon' is not a duration");
        assertUsage(offline().run("--timeout", "0s", "jobs", "list"), "'0s' is not a positive duration");
        assertUsage(offline().run("users", "delete", JOB, "--new-owner", JOB, "--yes"), "is not <tenant_id>:<user_id>");
        assertUsage(offline().run("audit", "verify", "--audit-head", "abc"), "--audit-head 'abc' is not a SHA-256");
        assertUsage(CtlRunner.against("ftp://example", Map.of("BAKERY_TOKEN", "x")).run("jobs", "list"),
                "--url (or BAKERY_URL) 'ftp://example' is not an address");
        assertUsage(offline().run("certificates", "fetch", JOB, "--format", "jws", "--json"), "leave out --format jws");
        assertThat(platform.requests(JOB_PATH)).isEmpty();
    }

    @Test
    void missingOrHalfCredentialsAndUnsafeFilesAreRefusedBeforeAnythingIsSent() throws Exception {
        CtlRunner none = CtlRunner.against(platform.url(), Map.of());
        assertUsage(none.run("jobs", "show", JOB), "no credentials: set BAKERY_TOKEN");
        assertUsage(none.with("BAKERY_EMAIL", "ops@example.com").run("jobs", "show", JOB),
                "BAKERY_EMAIL is set in the environment but BAKERY_PASSWORD is not");
        assertUsage(none.with("BAKERY_CLIENT_SECRET", "s").run("jobs", "show", JOB),
                "BAKERY_CLIENT_SECRET is set in the environment but BAKERY_CLIENT_ID is not");
        Path typo = privateFile("typo.properties", "emial=ops@example.com\npassword=x\n");
        assertUsage(none.run("jobs", "show", JOB, "--credentials-file", typo.toString()), "has unknown keys [emial]");
        Path empty = privateFile("empty.properties", "# nothing\n");
        assertUsage(none.run("jobs", "show", JOB, "--credentials-file", empty.toString()), "holds no credentials");
        assertUsage(none.with("BAKERY_CREDENTIALS_FILE", directory.resolve("absent").toString()).run("jobs", "show", JOB),
                "absent: no such file");
        Path groupReadable = privateFile("group.properties", "token=x\n");
        Files.setPosixFilePermissions(groupReadable, PosixFilePermissions.fromString("rw-r-----"));
        assertUsage(none.run("jobs", "show", JOB, "--credentials-file", groupReadable.toString()),
                "is open to others (rw-r-----); it must be readable by its owner only: chmod 600");
        assertThat(platform.requests(JOB_PATH)).isEmpty();
    }

    @Test
    void aBusyPlatformIsAskedAgainAfterItsRetryAfterAndItsAnswerCounts() {
        platform.on(JOB_PATH, StubPlatform.Answer.problem(503, "Repeat the request.", Map.of("Retry-After", "3")),
                StubPlatform.Answer.problem(429, "Too many requests.", Map.of()), StubPlatform.Answer.json(200, job("COMPLETED")));

        CtlRunner.Result shown = withToken().run("--json", "jobs", "show", JOB);

        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(platform.requests(JOB_PATH)).hasSize(3);
        assertThat(pauses).as("Retry-After when given, else the backoff").containsExactly(Duration.ofSeconds(3),
                Duration.ofSeconds(2));
        assertThat(shown.err()).contains("the platform answered 503 to GET " + JOB_PATH + "; trying again in 3 s (attempt 2 of 4)");
    }

    @Test
    void aPlatformThatStaysBusyOrFailsExitsSix() {
        platform.on(JOB_PATH, StubPlatform.Answer.problem(503, "The job store did not answer.", Map.of()));
        CtlRunner.Result busy = withToken().run("jobs", "show", JOB);
        assertThat(busy.exitCode()).as(busy.toString()).isEqualTo(6);
        assertThat(busy.err()).contains("error: 503 Service Unavailable from GET " + JOB_PATH + " after 4 attempts: The job"
                + " store did not answer.");
        assertThat(platform.requests(JOB_PATH)).hasSize(4);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

        String other = "/api/v1/deletion-jobs/" + UUID.randomUUID();
        platform.on(other, StubPlatform.Answer.problem(429, "Slow down.", Map.of("Retry-After", "900")));
        CtlRunner.Result tooLong = withToken().run("jobs", "show", other.substring(other.lastIndexOf('/') + 1));
        assertThat(tooLong.exitCode()).as("a wait of 15 minutes is not waited for: %s", tooLong).isEqualTo(6);
        assertThat(platform.requests(other)).hasSize(1);

        String broken = "/api/v1/deletion-jobs/" + UUID.randomUUID();
        platform.on(broken, StubPlatform.Answer.problem(500, "Something broke.", Map.of()));
        CtlRunner.Result failed = withToken().run("jobs", "show", broken.substring(broken.lastIndexOf('/') + 1));
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(6);
        assertThat(failed.err()).contains("error: 500 Internal Server Error: Something broke.");
        assertThat(platform.requests(broken)).as("a 500 is not asked again").hasSize(1);
    }

    @Test
    void anExpiredTokenIsRenewedOnceBySigningInAgainAtTheAuthAddress() {
        try (StubPlatform auth = new StubPlatform()) {
            auth.on("/api/v1/auth/service-token", StubPlatform.Answer.json(200, "{\"access_token\":\"first\"}"),
                    StubPlatform.Answer.json(200, "{\"access_token\":\"second\"}"));
            platform.answering(JOB_PATH, request -> "Bearer second".equals(request.authorization())
                    ? StubPlatform.Answer.json(200, job("RUNNING")) : StubPlatform.Answer.problem(401, "Token expired.", Map.of()));
            CtlRunner client = CtlRunner.against(platform.url(), Map.of("BAKERY_CLIENT_ID", "ops", "BAKERY_CLIENT_SECRET",
                    "s3cret", "BAKERY_AUTH_URL", auth.url())).recordingPauses(pauses);

            CtlRunner.Result shown = client.run("jobs", "show", JOB);

            assertThat(shown.exitCode()).as(shown.toString()).isZero();
            assertThat(shown.err()).contains("the token expired; signing in again");
            assertThat(auth.requests("/api/v1/auth/service-token")).hasSize(2);
            assertThat(platform.requests("/api/v1/auth/service-token")).as("--auth-url, not --url").isEmpty();
            assertThat(platform.requests(JOB_PATH)).extracting(StubPlatform.Request::authorization)
                    .containsExactly("Bearer first", "Bearer second");
        }
        CtlRunner.Result bare = CtlRunner.against(platform.url(), Map.of("BAKERY_TOKEN", "stale")).run("jobs", "show", JOB);
        assertThat(bare.exitCode()).as("a token given as it is cannot be renewed: %s", bare).isEqualTo(4);
        assertThat(bare.err()).contains("error: 401 Unauthorized: Token expired.");
    }

    @Test
    void theProgressIsRedrawnInPlaceOnATerminal() {
        platform.on(JOB_PATH, StubPlatform.Answer.json(200, job("RUNNING")), StubPlatform.Answer.json(200, job("COMPLETED")));

        CtlRunner.Result followed = withToken().onTerminal().run("jobs", "show", JOB, "--wait");

        assertThat(followed.exitCode()).as(followed.toString()).isZero();
        assertThat(followed.err()).startsWith("\r[########................] RUNNING  VERIFY  9/25 steps  1,234 rows deleted")
                .contains("\r[########################] COMPLETED  FINAL  25/25 steps  1,234 rows deleted\n")
                .contains("job " + JOB + " COMPLETED in 8.5 s: 1,234 rows deleted");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(followed.out()).containsPattern("DELETE +orders +SUCCEEDED +1/5 +1,234");
    }

    @Test
    void controlCharactersFromThePlatformReachTheTerminalEscapedInTablesLinesErrorsAndJson() {
        String tenant = "0b0e4a7e-5c55-4b8e-9a3f-2b7d0c1d9e01";
        // A bakery named to attack the operator's terminal: retitle the window, clear the screen,
        // overwrite the line, reverse what follows.
        String hostile = "Evil\\u001b]0;pwned\\u0007\\u001b[2J\\r\\u202eBakery\\u009b";
        platform.on("/api/v1/tenants/" + tenant + "/deletion-preview", StubPlatform.Answer.json(200, "{\"tenant_id\":\"" + tenant
                + "\",\"tenant_name\":\"" + hostile + "\",\"tenant_status\":\"ACTIVE\",\"total_items\":1,\"services\":[{\"service\":"
                + "\"orders\",\"items\":1,\"to_delete\":{\"orders.customers\\u001b[8m\":1},\"to_anonymise\":{},\"to_retain\":{}}],"
                + "\"unavailable\":{\"pos\":\"down\\u001b[5m\\nfake line\"}}"));
        platform.on("/api/v1/deletion-audit/verification", StubPlatform.Answer.json(200, "{\"valid\":false,\"entries\":4,"
                + "\"first_invalid_entry\":5,\"reason\":\"its content does not match its hash\\u001b[1A\",\"checked_after\":0}"));
        platform.on("/api/v1/deletion-jobs/" + JOB, StubPlatform.Answer.problem(409, "Tenant \\u001b[2J" + hostile.substring(0, 4)
                + " is busy", Map.of()));

        CtlRunner.Result preview = withToken().run("tenants", "preview", tenant);
        CtlRunner.Result asJson = withToken().run("--json", "tenants", "preview", tenant);
        CtlRunner.Result audit = withToken().run("audit", "verify");
        CtlRunner.Result refused = withToken().run("jobs", "show", JOB);

        for (CtlRunner.Result run : List.of(preview, asJson, audit, refused)) {
            assertThat(run.out() + run.err()).as(run.toString()).doesNotContain("\u001b", "\u0007", "\r", "\u202e", "\u009b");
        }
        assertThat(preview.out()).contains("orders.customers\\x1b[8m");
        assertThat(preview.out() + preview.err()).contains("down\\x1b[5m\\nfake line");
        assertThat(asJson.json().path("tenant_name").asText()).as("the JSON still means the same")
                .isEqualTo("Evil\u001b]0;pwned\u0007\u001b[2J\r\u202eBakery\u009b");
        assertThat(audit.exitCode()).isEqualTo(1);
        assertThat(audit.out()).contains("INVALID: the chain breaks at entry 5: its content does not match its hash\\x1b[1A");
        assertThat(refused.err()).contains("\\x1b[2J");
    }

    private CtlRunner offline() {
        return CtlRunner.against(platform.url(), Map.of("BAKERY_TOKEN", "x")).recordingPauses(pauses);
    }

    private CtlRunner withToken() {
        return CtlRunner.against(platform.url(), Map.of("BAKERY_TOKEN", "token")).recordingPauses(pauses);
    }

    private Path privateFile(String name, String content) throws Exception {
        Path file = Files.writeString(directory.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void assertUsage(CtlRunner.Result run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(message);
    }

    /**
     * A tenant job as the platform answers it: RUNNING with 9 of its DELETE steps done and every
     * service's VERIFY under way (9 of 25 steps), or COMPLETED with all 25.
     */
    private static String job(String status) {
        boolean done = status.equals("COMPLETED");
        StringBuilder steps = new StringBuilder();
        List<String> services = List.of("alert-processor", "external", "forecasting", "inventory", "notification", "orders",
                "pos", "production", "recipes", "sales", "suppliers", "training");
        List<String> phases = List.of("DELETE", "VERIFY");
        int succeeded = 0;
        for (String phase : phases) {
            for (String service : services) {
                String stepStatus = done || phase.equals("DELETE") && succeeded < 9 ? "SUCCEEDED" : "RUNNING";
                succeeded += stepStatus.equals("SUCCEEDED") ? 1 : 0;
                steps.append(steps.isEmpty() ? "" : ",").append(step(phase, service, stepStatus,
                        phase.equals("DELETE") && service.equals("orders") ? 1234 : 0));
            }
        }
        if (done) {
            steps.append(",").append(step("FINAL", "tenant", "SUCCEEDED", 0));
        }
        return "{\"job_id\":\"" + JOB + "\",\"kind\":\"TENANT\",\"subject_id\":\"" + UUID.randomUUID() + "\",\"status\":\""
                + status + "\",\"created_at\":\"2026-03-01T12:00:00Z\",\"duration_ms\":8500,\"total_items_deleted\":1234,"
                + "\"total_items_anonymised\":0,\"services_completed\":" + (done ? 12 : 0) + ",\"services_failed\":0,"
                + "\"errors\":[],\"service_results\":[" + steps + "]}";
    }

    private static String step(String phase, String service, String status, long deleted) {
        return "{\"service\":\"" + service + "\",\"phase\":\"" + phase + "\",\"status\":\"" + status + "\",\"attempts\":1,"
                + "\"attempt_limit\":5,\"items_deleted\":" + deleted + ",\"items_anonymised\":0,\"last_error\":null}";
    }
}
