package com.bakeryia.launcher.deletion;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default 30-day window over real HTTP, all targets in one process: the owner's DELETE
 * schedules the deletion, the tenant accepts no writes (the answer says when and how to restore)
 * while its members still read, a user may not skip the window, an ADMIN restores it with every
 * row, and writes work again.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bakery.deletion.tenant-grace-period=30d", "bakery.deletion.user-grace-period=30d"})
class TenantDeletionWindowEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void theOwnerSchedulesTheDeletionAndAnAdminRestoresTheTenantWithEveryRow() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        String tenant = "/api/v1/tenants/" + bakery.tenantId();
        assertThat(api.post(tenant + "/customers", bakery.member().accessToken(), Map.of("name", "Cafe Sur")).status())
                .isEqualTo(201);

        ApiClient.Response deleted = api.delete(tenant, bakery.owner().accessToken());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deleted.json().path("status").asText()).isEqualTo("SCHEDULED");
        Instant deadline = Instant.parse(deleted.json().path("scheduled_for").asText());
        assertThat(deadline).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        assertThat(api.get(tenant, bakery.owner().accessToken()).json().path("status").asText()).isEqualTo("PENDING_DELETION");
        ApiClient.Response write = api.post(tenant + "/customers", bakery.member().accessToken(), Map.of("name", "Late"));
        assertThat(write.status()).as(write.toString()).isEqualTo(409);
        assertThat(write.isProblem()).isTrue();
        assertThat(write.json().path("detail").asText()).contains("scheduled for deletion").contains(tenant + "/restore");
        assertThat(api.get(tenant + "/customers", bakery.viewer().accessToken()).json().path("items"))
                .as("members still read everything, so the owner can export").hasSize(1);
        ApiClient.Response skip = api.delete(tenant + "?immediate=true", bakery.owner().accessToken());
        assertThat(skip.status()).as("users may not skip the window: %s", skip).isEqualTo(403);
        assertThat(api.post(tenant + "/restore", bakery.member().accessToken(), null).status()).isEqualTo(403);

        ApiClient.Response restored = api.post(tenant + "/restore", bakery.admin().accessToken(), null);

        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.get("/api/v1/deletion-jobs/" + deleted.json().path("job_id").asText(), bakery.owner().accessToken())
                .json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.get(tenant, bakery.owner().accessToken()).json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(api.get(tenant + "/customers", bakery.owner().accessToken()).json().path("items")).hasSize(1);
        assertThat(api.post(tenant + "/customers", bakery.member().accessToken(), Map.of("name", "Again")).status())
                .as("writes work again").isEqualTo(201);
        ApiClient.Response twice = api.post(tenant + "/restore", bakery.admin().accessToken(), null);
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().path("detail").asText()).contains("nothing to restore");
    }
}
