package com.bakeryia.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's side of a user deletion, over real HTTP: a service schedules it (the person is locked
 * out at once: refresh tokens revoked, access tokens refused), the person cancels it by logging in
 * with {@code cancel_deletion}, or the erasure starts (DELETING) and nothing can cancel it any more.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class AccountDeletionLifecycleTest {

    private static final Instant DEADLINE = Instant.parse("2027-01-01T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("auth")
    com.bakeryia.platform.data.ServiceDatabase db;

    @Test
    void aScheduledDeletionLocksThePersonOutAtOnceAndLoggingInWithCancelDeletionEndsIt() {
        Member user = register();

        ApiClient.Response scheduled = setStatus(user, Map.of("status", "PENDING_DELETION",
                "deletion_scheduled_for", DEADLINE.toString()));

        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.json().path("status").asText()).isEqualTo("PENDING_DELETION");
        assertThat(scheduled.json().path("deletion_scheduled_for").asText()).isEqualTo(DEADLINE.toString());
        ApiClient.Response me = api().get("/api/v1/users/me", user.accessToken());
        assertThat(me.status()).as("the unexpired access token: %s", me).isEqualTo(401);
        assertThat(me.isProblem()).isTrue();
        assertThat(me.json().path("detail").asText()).contains("scheduled for deletion at " + DEADLINE)
                .contains("cancel_deletion");
        assertThat(api().post("/api/v1/auth/refresh", null, Map.of("refresh_token", user.refreshToken())).status())
                .as("refresh tokens are revoked").isEqualTo(401);
        ApiClient.Response wrongPassword = login(user.email(), "wrong-password-1", true);
        assertThat(wrongPassword.status()).as("a wrong password learns nothing about the account").isEqualTo(401);
        assertThat(wrongPassword.json().path("detail").asText()).isEqualTo("Email or password is incorrect.");
        ApiClient.Response plainLogin = login(user.email(), TenantFixture.PASSWORD, null);
        assertThat(plainLogin.status()).as(plainLogin.toString()).isEqualTo(403);
        assertThat(plainLogin.json().path("detail").asText()).contains("scheduled for deletion at " + DEADLINE)
                .contains("\"cancel_deletion\": true");
        assertThat(plainLogin.json().path("deletion_scheduled_for").asText()).isEqualTo(DEADLINE.toString());
        assertThat(plainLogin.json().has("access_token")).isFalse();

        ApiClient.Response cancelled = login(user.email(), TenantFixture.PASSWORD, true);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        String fresh = cancelled.json().path("access_token").asText();
        ApiClient.Response account = api().get("/api/v1/users/me", fresh);
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.json().path("deletion_scheduled_for").isString()).as("no deadline any more").isFalse();
        assertThat(api().post("/api/v1/auth/refresh", null,
                Map.of("refresh_token", cancelled.json().path("refresh_token").asText())).status()).isEqualTo(200);
    }

    @Test
    void onceTheErasureHasStartedNeitherLoginNorAServiceCanCancelIt() {
        Member user = register();
        assertThat(setStatus(user, Map.of("status", "DELETING")).status())
                .as("an ACTIVE account's erasure does not start without being scheduled").isEqualTo(409);
        setStatus(user, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", DEADLINE.toString()));

        ApiClient.Response deleting = setStatus(user, Map.of("status", "DELETING"));

        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(200);
        assertThat(deleting.json().path("status").asText()).isEqualTo("DELETING");
        assertThat(setStatus(user, Map.of("status", "DELETING")).status()).as("idempotent").isEqualTo(200);
        ApiClient.Response cancel = login(user.email(), TenantFixture.PASSWORD, true);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(403);
        assertThat(cancel.json().path("detail").asText()).contains("being erased");
        ApiClient.Response restore = setStatus(user, Map.of("status", "ACTIVE"));
        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.json().path("detail").asText()).contains("erasure has started");
        assertThat(setStatus(user, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", DEADLINE.toString()))
                .status()).isEqualTo(409);
        assertThat(api().get("/api/v1/users/me", user.accessToken()).json().path("detail").asText())
                .contains("being erased");
    }

    /** The account row decides: of a cancelling login and the start of the erasure at the same moment, exactly one wins. */
    @Test
    void aCancellingLoginRacingTheStartOfTheErasureHasExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Member user = register();
                setStatus(user, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", DEADLINE.toString()));
                CountDownLatch go = new CountDownLatch(1);
                Callable<Integer> cancel = () -> {
                    go.await();
                    return login(user.email(), TenantFixture.PASSWORD, true).status();
                };
                Callable<Integer> start = () -> {
                    go.await();
                    return setStatus(user, Map.of("status", "DELETING")).status();
                };
                List<Future<Integer>> outcomes = new ArrayList<>(List.of(pool.submit(cancel), pool.submit(start)));
                go.countDown();
                int login = outcomes.get(0).get();
                int erasure = outcomes.get(1).get();

                assertThat(List.of(login, erasure)).as("round %d: login %d, start %d", round, login, erasure)
                        .containsAnyOf(200).containsAnyOf(403, 409);
                String status = api().get("/api/v1/users/" + user.userId(), serviceToken()).json().path("status").asText();
                assertThat(status).isEqualTo(login == 200 ? "ACTIVE" : "DELETING");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDisabledAccountStaysDisabledThroughAScheduledAndCancelledDeletion() {
        Member user = register();
        db.jdbc().update("update auth.users set status = 'DISABLED' where id = ?", user.userId());

        assertThat(setStatus(user, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", DEADLINE.toString()))
                .json().path("status").asText()).isEqualTo("PENDING_DELETION");
        assertThat(setStatus(user, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for",
                DEADLINE.plusSeconds(60).toString())).status()).as("scheduled again: the standing from before is kept")
                .isEqualTo(200);
        ApiClient.Response cancelling = login(user.email(), TenantFixture.PASSWORD, true);
        assertThat(cancelling.status()).as("the person of a disabled account cannot cancel by logging in: %s", cancelling)
                .isEqualTo(401);
        assertThat(cancelling.json().has("access_token")).isFalse();

        ApiClient.Response restored = setStatus(user, Map.of("status", "ACTIVE"));

        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().path("status").asText()).as("back to its standing, not ACTIVE").isEqualTo("DISABLED");
        assertThat(restored.json().path("deletion_scheduled_for").isString()).isFalse();
        assertThat(login(user.email(), TenantFixture.PASSWORD, null).status()).isEqualTo(401);
        assertThat(setStatus(user, Map.of("status", "ACTIVE")).json().path("status").asText())
                .as("a repeated restore changes nothing").isEqualTo("DISABLED");

        // An ACTIVE account scheduled twice and cancelled is ACTIVE again.
        Member active = register();
        setStatus(active, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", DEADLINE.toString()));
        setStatus(active, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", DEADLINE.plusSeconds(60).toString()));
        assertThat(setStatus(active, Map.of("status", "ACTIVE")).json().path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void badStatusChangesAreProblems() {
        Member user = register();

        assertThat(setStatus(user, Map.of("status", "PENDING_DELETION")).json().path("detail").asText())
                .contains("deletion_scheduled_for");
        assertThat(setStatus(user, Map.of("status", "GONE")).status()).isEqualTo(400);
        ApiClient.Response unknown = api().put("/api/v1/users/" + UUID.randomUUID() + "/status", serviceToken(),
                Map.of("status", "ACTIVE"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(api().get("/api/v1/users/me", user.accessToken()).status()).as("nothing changed").isEqualTo(200);
    }

    private Member register() {
        return TenantFixture.register(api(), "lifecycle", UUID.randomUUID().toString().substring(0, 8));
    }

    private ApiClient.Response setStatus(Member user, Map<String, ?> body) {
        return api().put("/api/v1/users/" + user.userId() + "/status", serviceToken(), body);
    }

    private ApiClient.Response login(String email, String password, Boolean cancelDeletion) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("email", email, "password", password));
        if (cancelDeletion != null) {
            body.put("cancel_deletion", cancelDeletion);
        }
        return api().post("/api/v1/auth/login", null, body);
    }

    private String serviceToken() {
        return tokens.issueServiceToken("lifecycle-test").value();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }
}
