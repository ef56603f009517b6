package com.bakeryia.launcher.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.orchestrator.certificate.DeletionCertificateVerifier;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator console in a real headless Chromium against the whole platform over HTTP, with the
 * 30-day windows of the window end-to-end tests (the same properties, so the same Spring context): an
 * operator signs in with their own login and watches a job complete live, restores a scheduled
 * tenant from the list, retries a failed job, downloads a certificate the page shows valid (and the
 * platform's offline verifier agrees), previews a tenant and deletes it after typing its name back,
 * all of it also by keyboard alone; a person without the role sees only that they are not an
 * operator. Screenshots of the main pages go to {@code target/console-screenshots/}.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bakery.deletion.tenant-grace-period=30d", "bakery.deletion.user-grace-period=30d"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorConsoleBrowserTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(1);

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    private ApiClient api;
    private ConsoleBrowser browser;
    private TenantFixture.Member operator;

    @BeforeAll
    void startTheBrowser() throws IOException {
        api = ApiClient.onPort(port);
        operator = TenantFixture.registerOperator(api, service());
        browser = ConsoleBrowser.start(port);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signInAsTheOperator() {
        browser.signIn(operator.email(), TenantFixture.PASSWORD);
        assertThat(browser.find(By.id("account-email")).getText()).isEqualTo(operator.email());
        browser.waitFor(By.id("health-running"));
    }

    @Test
    void anOperatorWatchesAJobCompleteLiveWithoutReloadingThePage() throws IOException {
        TenantFixture bakery = TenantFixture.create(api);
        addCustomer(bakery);
        String jobId = api.delete("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json()
                .path("job_id").asText();
        browser.go("#/jobs/" + jobId);
        browser.waitForText(By.id("job-status"), "SCHEDULED");
        assertThat(browser.find(By.id("job-status")).getText()).contains("unless restored");
        browser.script("window.consoleTestMarker = 'the same page';");

        ApiClient.Response started = api.delete("/api/v1/tenants/" + bakery.tenantId() + "?immediate=true", service());

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        browser.waitForText(By.id("job-status"), "COMPLETED");
        assertThat(browser.script("return window.consoleTestMarker;")).as("updated in place, never reloaded")
                .isEqualTo("the same page");
        assertThat(browser.findAll(By.cssSelector("table.steps > tbody > tr"))).hasSize(25)
                .allSatisfy(row -> assertThat(row.getText()).contains("SUCCEEDED"));
        assertThat(browser.find(By.cssSelector("tr[data-step='DELETE-orders']")).getText()).contains("1 of 5");
        browser.waitFor(By.id("certificate-valid"));
        browser.waitFor(By.id("chain-holds"));
        assertThat(browser.find(By.id("audit")).getText()).contains("COMPLETED").contains("CERTIFICATE_ISSUED");
        browser.script("document.getElementById('certificate').scrollIntoView();");
        browser.screenshot("job");
    }

    @Test
    void aScheduledTenantIsRestoredFromTheListWithEveryRow() {
        TenantFixture bakery = TenantFixture.create(api);
        addCustomer(bakery);
        String jobId = api.delete("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json()
                .path("job_id").asText();
        browser.go("#/jobs?subject=" + bakery.tenantId());
        By row = By.cssSelector("tr[data-job='" + jobId + "']");
        browser.waitForText(row, "SCHEDULED");
        assertThat(browser.find(row).getText()).contains("in 29 d 23 h");

        browser.find(By.cssSelector("button[data-key='restore-" + jobId + "']")).click();

        browser.waitForText(row, "CANCELLED");
        assertThat(browser.find(By.id("jobs-message")).getText()).isEqualTo("Restored: the tenant " + bakery.tenantId()
                + " is active again.");
        assertThat(browser.findAll(By.cssSelector("button[data-key='restore-" + jobId + "']"))).isEmpty();
        assertThat(api.get("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json().path("status")
                .asText()).isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/tenants/" + bakery.tenantId() + "/customers", bakery.owner().accessToken()).json()
                .path("items")).hasSize(1);
    }

    /**
     * A table created by hand after start-up with the tenant's rows is caught by the catalog scan and
     * fails the job for good (as in ProofOfErasureTest); once it is dropped, Retry completes the job.
     */
    @Test
    void aFailedJobShowsWhatFailedAndARetryFromTheListCompletesIt() throws IOException {
        JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));
        TenantFixture bakery = TenantFixture.create(api);
        String jobId;
        try {
            jdbc.execute("create table orders.console_probe_rows (id bigserial primary key, tenant_id uuid not null)");
            jdbc.update("insert into orders.console_probe_rows (tenant_id) select ? from generate_series(1, 3)",
                    bakery.tenantId());
            jobId = api.delete("/api/v1/tenants/" + bakery.tenantId() + "?immediate=true", service()).json()
                    .path("job_id").asText();
            await().atMost(JOB_DEADLINE).until(() -> status(jobId), "FAILED"::equals);
        } finally {
            jdbc.execute("drop table if exists orders.console_probe_rows");
        }
        browser.go("#/jobs");
        By row = By.cssSelector("tr[data-job='" + jobId + "']");
        browser.waitForText(row, "FAILED");
        assertThat(browser.find(row).getText()).contains("VERIFY orders").contains("orders.console_probe_rows.tenant_id=3");
        browser.waitForText(By.id("health-failed"), "needs attention");
        browser.screenshot("jobs");

        browser.find(By.cssSelector("button[data-key='retry-" + jobId + "']")).click();

        await().atMost(JOB_DEADLINE).until(() -> status(jobId), "COMPLETED"::equals);
        browser.go("#/jobs/" + jobId);
        browser.waitForText(By.id("job-status"), "COMPLETED");
        assertThat(browser.find(By.cssSelector("tr[data-step='VERIFY-orders']")).getText()).contains("SUCCEEDED");
        assertThat(browser.find(By.id("audit")).getText()).contains("RETRIED").contains("user:" + operator.userId());
    }

    @Test
    void theCertificateIsDownloadedShownValidAndVerifiesOfflineToo() throws Exception {
        TenantFixture bakery = TenantFixture.create(api);
        addCustomer(bakery);
        String jobId = api.delete("/api/v1/tenants/" + bakery.tenantId() + "?immediate=true", service()).json()
                .path("job_id").asText();
        await().atMost(JOB_DEADLINE).until(() -> status(jobId), "COMPLETED"::equals);

        browser.go("#/jobs/" + jobId);
        WebElement valid = browser.waitFor(By.id("certificate-valid"));
        browser.find(By.id("certificate-download")).click();

        JWKSet keys = JWKSet.parse(api.get("/api/v1/deletion-certificates/jwks.json", null).text());
        String kid = keys.getKeys().get(0).getKeyID();
        assertThat(valid.getText()).startsWith("Valid").contains("signed by key " + kid);
        assertThat(browser.waitFor(By.id("chain-holds")).getText()).contains("holds this certificate's audit_head");
        long deleted = api.get("/api/v1/deletion-jobs/" + jobId, service()).json().path("total_items_deleted").asLong();
        assertThat(deleted).isPositive();
        assertThat(browser.find(By.id("certificate-facts")).getText()).contains(bakery.tenantId().toString())
                .contains(deleted + " deleted, 0 anonymised, 0 retained");
        assertThat(browser.find(By.id("certificate-claims")).getText()).contains("orders.customers");
        Path file = browser.downloaded("deletion-certificate-" + jobId + ".jws");
        Map<String, Object> claims = DeletionCertificateVerifier.verify(Files.readString(file), keys);
        assertThat(claims).containsEntry("job_id", jobId).containsEntry("subject_id", bakery.tenantId().toString());
        String jws = Files.readString(file).strip();
        assertThat(jws).isEqualTo(api.get("/api/v1/deletion-jobs/" + jobId + "/certificate", service()).text().strip());

        // The page's own check refuses what the offline verifier refuses: an altered payload, an unknown key.
        String[] parts = jws.split("\\.");
        String claimsJson = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claimsJson
                .replace(bakery.tenantId().toString(), UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(browserVerdict(altered, keys.toString())).startsWith("bad signature: key " + kid);
        assertThat(browserVerdict(jws, "{\"keys\":[]}")).startsWith("unknown kid " + kid);
        assertThat(browserVerdict(jws, keys.toString())).isEqualTo("valid");
    }

    @Test
    void aPreviewSaysWhatGoesAndTheDeletionNeedsTheTenantsNameTypedBack() throws IOException {
        TenantFixture bakery = TenantFixture.create(api);
        addCustomer(bakery);
        String name = api.get("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json().path("name")
                .asText();
        browser.go("#/preview");
        browser.waitFor(By.id("preview-id")).sendKeys(bakery.tenantId().toString(), Keys.ENTER);
        browser.waitForText(By.id("preview-tenant-name"), name);
        assertThat(browser.find(By.id("preview-table")).getText()).contains("orders").contains("orders.customers");
        assertThat(browser.find(By.id("preview-total")).getText()).isNotEqualTo("0");

        browser.find(By.id("delete-start")).click();
        WebElement typed = browser.waitFor(By.id("confirm-name"));
        typed.sendKeys(name.substring(0, name.length() - 1));
        assertThat(browser.find(By.id("confirm-delete")).isEnabled()).as("not the name yet").isFalse();
        typed.sendKeys(name.substring(name.length() - 1));
        assertThat(browser.find(By.id("confirm-delete")).isEnabled()).isTrue();
        assertThat(browser.find(By.id("confirm-immediate")).isSelected()).as("the window is kept unless asked").isFalse();
        browser.screenshot("preview");
        typed.sendKeys(Keys.ENTER);

        browser.waitForText(By.id("job-status"), "SCHEDULED");
        JsonNode job = api.get("/api/v1/deletion-jobs?tenant_id=" + bakery.tenantId(), service()).json().path("items").get(0);
        assertThat(job.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(job.path("initiated_by").asText()).as("recorded as the operator").isEqualTo(operator.userId().toString());
        assertThat(api.get("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json().path("status")
                .asText()).isEqualTo("PENDING_DELETION");
    }

    /** Every step by keyboard alone: sign in, reach the preview, open and escape the confirmation, delete at once. */
    @Test
    void theWholeDeletionWorksWithTheKeyboardAlone() {
        TenantFixture bakery = TenantFixture.create(api);
        String name = api.get("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json().path("name")
                .asText();
        browser.openSignedOut();
        assertThat(browser.focused().getDomAttribute("id")).as("the sign-in form takes the focus").isEqualTo("email");
        browser.keys(operator.email(), Keys.TAB, TenantFixture.PASSWORD, Keys.ENTER);
        browser.waitForText(By.tagName("h1"), "Deletion jobs");

        // The navigation comes before the page's content: back from the page's heading.
        browser.tabBackTo("the preview link", element -> element.getText().equals("Preview a deletion"), 6);
        assertThat((String) browser.script("return getComputedStyle(document.activeElement).outlineStyle;"))
                .as("the focus is visible").isNotEqualTo("none");
        browser.keys(Keys.ENTER);
        browser.waitForText(By.tagName("h1"), "Preview a deletion");
        browser.tabTo("the id field", element -> "preview-id".equals(element.getDomAttribute("id")), 10);
        browser.keys(bakery.tenantId().toString(), Keys.ENTER);
        browser.waitForText(By.id("preview-tenant-name"), name);
        WebElement delete = browser.tabTo("the delete button", element -> "delete-start".equals(element.getDomAttribute("id")), 10);
        browser.keys(Keys.ENTER);
        assertThat(browser.focused().getDomAttribute("id")).as("the confirmation takes the focus").isEqualTo("confirm-name");
        browser.keys(Keys.ESCAPE);
        browser.waitUntil(driver -> !browser.find(By.id("confirm")).isDisplayed());
        assertThat(browser.focused()).as("back where it was").isEqualTo(delete);
        browser.keys(Keys.ENTER);
        browser.keys(name, Keys.TAB);
        assertThat(browser.focused().getDomAttribute("id")).isEqualTo("confirm-immediate");
        browser.keys(Keys.SPACE);
        browser.shiftTab();
        browser.keys(Keys.ENTER);

        browser.waitForText(By.id("job-status"), "COMPLETED");
        assertThat(api.get("/api/v1/tenants/" + bakery.tenantId() + "/deletion-preview", service()).status())
                .as("the tenant is gone").isEqualTo(404);
    }

    @Test
    void aPersonWithoutTheOperatorRoleSeesOnlyThatTheyAreNotAnOperator() {
        TenantFixture bakery = TenantFixture.create(api);

        browser.signIn(bakery.owner().email(), TenantFixture.PASSWORD);

        assertThat(browser.waitFor(By.id("not-operator")).getText()).isEqualTo("This account is not a platform operator");
        assertThat(browser.find(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("health")).isDisplayed()).isFalse();
        browser.go("#/jobs");
        assertThat(browser.findAll(By.id("jobs-results"))).as("no route opens for them").isEmpty();
        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("email"));
    }

    @Test
    void aWrongPasswordIsToldInPlainWordsOnTheSignInPage() {
        browser.signIn(operator.email(), "not-the-password");

        assertThat(browser.find(By.id("sign-in-problem")).getText()).isEqualTo("Email or password is incorrect.");
        assertThat(browser.find(By.id("nav")).isDisplayed()).isFalse();
    }

    /** What the console's certificate module says of {@code jws} against {@code jwks}, run in the page. */
    private String browserVerdict(String jws, String jwks) {
        return (String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                + " import('./certificate.js').then((m) => m.verify(arguments[0], JSON.parse(arguments[1])))"
                + ".then((v) => done(v.valid ? 'valid' : v.reason), (e) => done('error: ' + e));", jws, jwks);
    }

    private void addCustomer(TenantFixture bakery) {
        assertThat(api.post("/api/v1/tenants/" + bakery.tenantId() + "/customers", bakery.member().accessToken(),
                Map.of("name", "Cafe " + UUID.randomUUID())).status()).isEqualTo(201);
    }

    private String status(String jobId) {
        return api.get("/api/v1/deletion-jobs/" + jobId, service()).json().path("status").asText();
    }

    private String service() {
        return tokens.issueServiceToken("console-test").value();
    }
}
