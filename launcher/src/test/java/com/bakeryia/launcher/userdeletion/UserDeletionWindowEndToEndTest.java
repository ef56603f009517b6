package com.bakeryia.launcher.userdeletion;

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
 * The default 30-day window of a user's erasure over real HTTP, all targets in one process (the
 * auth service's accounts for real): the person's DELETE schedules it and locks the account at
 * once (no login, no refresh), nobody but a service may skip the window or restore it, and a
 * service's restore cancels the job and lets the person log in again. The same properties as the
 * tenant window's test, so both share one context.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bakery.deletion.tenant-grace-period=30d", "bakery.deletion.user-grace-period=30d"})
class UserDeletionWindowEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void thePersonsDeleteLocksTheAccountForTheWindowAndAServiceRestoresIt() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        String service = tokens.issueServiceToken("support").value();
        String user = "/api/v1/users/" + bakery.member().userId();
        Map<String, String> login = Map.of("email", bakery.member().email(), "password", TenantFixture.PASSWORD);

        ApiClient.Response deleted = api.delete(user, bakery.member().accessToken());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deleted.json().path("status").asText()).isEqualTo("SCHEDULED");
        Instant deadline = Instant.parse(deleted.json().path("scheduled_for").asText());
        assertThat(deadline).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        assertThat(api.get(user, service).json().path("status").asText()).isEqualTo("PENDING_DELETION");
        ApiClient.Response refusedLogin = api.post("/api/v1/auth/login", null, login);
        assertThat(refusedLogin.status()).as("locked out from the 202 on: %s", refusedLogin).isEqualTo(403);
        assertThat(Instant.parse(refusedLogin.json().path("deletion_scheduled_for").asText())).isEqualTo(deadline);
        assertThat(refusedLogin.json().has("access_token")).isFalse();
        ApiClient.Response oldToken = api.get("/api/v1/tenants/" + bakery.tenantId() + "/customers", bakery.member().accessToken());
        assertThat(oldToken.status()).as("the unexpired access token: %s", oldToken).isEqualTo(401);
        assertThat(api.post("/api/v1/tenants/" + bakery.tenantId() + "/customers", bakery.member().accessToken(),
                Map.of("name", "Late")).status()).as("no write").isEqualTo(401);
        assertThat(api.post("/api/v1/tenants", bakery.member().accessToken(), Map.of("name", "Escape")).status())
                .as("no tenant creation").isEqualTo(401);
        assertThat(api.post("/api/v1/tenants/" + bakery.tenantId() + "/members", bakery.owner().accessToken(),
                Map.of("user_id", bakery.outsider().userId().toString(), "role", "MEMBER")).status())
                .as("others still act").isEqualTo(201);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", bakery.member().refreshToken()))
                .status()).isEqualTo(401);
        assertThat(api.delete(user + "?immediate=true", bakery.owner().accessToken()).status())
                .as("only the person or a service deletes a user, and only a service skips the window").isEqualTo(403);
        assertThat(api.post(user + "/restore", bakery.owner().accessToken(), null).status()).isEqualTo(403);

        ApiClient.Response restored = api.post(user + "/restore", service, null);

        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(restored.json().path("job_id").asText()).isEqualTo(deleted.json().path("job_id").asText());
        assertThat(api.get(user, service).json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(api.post("/api/v1/auth/login", null, login).status()).as("the person logs in anew").isEqualTo(200);
        assertThat(api.get("/api/v1/tenants/" + bakery.tenantId(), bakery.owner().accessToken()).json()
                .path("status").asText()).isEqualTo("ACTIVE");
        ApiClient.Response twice = api.post(user + "/restore", service, null);
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().path("detail").asText()).contains("nothing to restore");
    }

    /** The person cancels their own deletion by logging in with cancel_deletion; the orchestrator's job follows. */
    @Test
    void thePersonCancelsTheirDeletionByLoggingInWithCancelDeletion() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture bakery = TenantFixture.create(api);
        String service = tokens.issueServiceToken("support").value();
        String user = "/api/v1/users/" + bakery.viewer().userId();
        ApiClient.Response deleted = api.delete(user, bakery.viewer().accessToken());
        assertThat(deleted.json().path("status").asText()).isEqualTo("SCHEDULED");

        ApiClient.Response cancelled = api.post("/api/v1/auth/login", null, Map.of("email", bakery.viewer().email(),
                "password", TenantFixture.PASSWORD, "cancel_deletion", true));

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        String fresh = cancelled.json().path("access_token").asText();
        assertThat(api.get("/api/v1/tenants/" + bakery.tenantId() + "/customers", fresh).status()).isEqualTo(200);
        assertThat(api.get(user, service).json().path("status").asText()).isEqualTo("ACTIVE");
        // The orchestrator learns it from the account (auth never calls it): by its sweep within a minute,
        // at the deadline at the latest, or, as here, when the deletion is asked for again.
        ApiClient.Response again = api.delete(user, fresh);
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.json().path("job_id").asText()).isNotEqualTo(deleted.json().path("job_id").asText());
        assertThat(api.get("/api/v1/deletion-jobs/" + deleted.json().path("job_id").asText(), service).json()
                .path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.post(user + "/restore", service, null).status()).isEqualTo(200);
    }
}
