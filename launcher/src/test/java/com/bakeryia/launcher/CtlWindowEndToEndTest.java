package com.bakeryia.launcher;

import java.util.Map;

import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SettableClock;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ctl} with the default 30-day grace windows (the same properties as the window end-to-end
 * tests, so they share one Spring context): a deletion is SCHEDULED and {@code --wait} tells when it
 * starts instead of waiting days, {@code --wait-scheduled} waits until {@code --wait-timeout} (exit
 * 7, on a clock the pauses move instead of real time), restores within the window, a CANCELLED job
 * followed (exit 1), and a service skipping the window with {@code --immediate}.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bakery.deletion.tenant-grace-period=30d", "bakery.deletion.user-grace-period=30d"})
class CtlWindowEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    ServiceClientCredentials serviceClient;

    @Test
    void theOwnersDeletionIsScheduledToldRestoredAndThenStartedAtOnceByTheService() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        String tenant = bakery.tenantId().toString();
        CtlRunner owner = CtlRunner.against(url(), Map.of("BAKERY_EMAIL", bakery.owner().email(),
                "BAKERY_PASSWORD", TenantFixture.PASSWORD));

        CtlRunner.Result scheduled = owner.run("tenants", "delete", tenant, "--yes", "--wait");

        assertThat(scheduled.exitCode()).as(scheduled.toString()).isZero();
        String jobId = scheduled.out().substring(scheduled.out().indexOf("job ") + 4, scheduled.out().indexOf(" is "));
        assertThat(scheduled.out()).contains("job " + jobId + " is SCHEDULED; it starts deleting at ")
                .contains("Until then: ctl tenants restore " + tenant);
        assertThat(scheduled.err()).contains("job " + jobId + " is SCHEDULED: it starts deleting at ")
                .contains("--wait-scheduled would");

        SettableClock clock = SettableClock.systemPlusOffset();
        CtlRunner.Result timedOut = owner.on(clock).run("jobs", "show", jobId, "--wait-scheduled", "--wait-timeout", "5s");
        assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(7);
        assertThat(timedOut.err()).contains("job " + jobId + " is still SCHEDULED after 5.0 s (--wait-timeout)")
                .contains("SCHEDULED  DELETE  0/25 steps  0 rows deleted");

        CtlRunner.Result restored = owner.run("tenants", "restore", tenant);
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("Tenant " + tenant + " restored: job " + jobId + " is CANCELLED; it is ACTIVE again");
        CtlRunner.Result cancelled = owner.run("jobs", "show", jobId, "--wait");
        assertThat(cancelled.exitCode()).as("a CANCELLED job is not a completed deletion: %s", cancelled).isEqualTo(1);
        assertThat(cancelled.err()).contains("was CANCELLED");
        CtlRunner.Result nothingLeft = owner.run("tenants", "restore", tenant);
        assertThat(nothingLeft.exitCode()).as(nothingLeft.toString()).isEqualTo(5);
        assertThat(nothingLeft.err()).contains("nothing to restore");

        JsonNode again = owner.run("--json", "tenants", "delete", tenant, "--yes").json();
        assertThat(again.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(again.path("scheduled_for").asText()).isNotEmpty();
        CtlRunner.Result ownerSkips = owner.run("tenants", "delete", tenant, "--immediate", "--yes");
        assertThat(ownerSkips.exitCode()).as("users may not skip the window: %s", ownerSkips).isEqualTo(4);
        CtlRunner.Result serviceSkips = CtlRunner.against(url(), serviceCredentials())
                .run("--json", "tenants", "delete", tenant, "--immediate", "--yes", "--wait");
        assertThat(serviceSkips.exitCode()).as(serviceSkips.toString()).isZero();
        assertThat(serviceSkips.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(serviceSkips.json().path("job_id").asText()).isEqualTo(again.path("job_id").asText());
    }

    @Test
    void aServiceSchedulesAPersonsErasureWithTheHandOverTokenAndRestoresThem() {
        TenantFixture bakery = TenantFixture.create(ApiClient.onPort(port));
        String user = bakery.viewer().userId().toString();
        CtlRunner service = CtlRunner.against(url(), serviceCredentials());

        CtlRunner.Result scheduled = service.run("users", "delete", user, "--yes");

        assertThat(scheduled.exitCode()).as(scheduled.toString()).isZero();
        assertThat(scheduled.out()).contains("Deletion of user " + user + ": job ").contains(" is SCHEDULED; it starts")
                .contains("Until then: ctl users restore " + user)
                .containsPattern("Deletion-Certificate-Token: [\\w-]{43,} at " + url() + "/api/v1/deletion-certificates/");
        CtlRunner.Result restored = service.run("users", "restore", user);
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("User " + user + " restored: job ").contains(" is CANCELLED");
        assertThat(service.run("users", "restore", user).exitCode()).isEqualTo(5);
    }

    private Map<String, String> serviceCredentials() {
        return Map.of("BAKERY_CLIENT_ID", serviceClient.clientId(), "BAKERY_CLIENT_SECRET", serviceClient.secret());
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }
}
