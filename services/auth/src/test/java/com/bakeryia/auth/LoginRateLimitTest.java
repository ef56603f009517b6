package com.bakeryia.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SettableClock;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.bakeryia.auth.RegistrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five failed logins in 15 minutes lock that account (429 with Retry-After) for 15 minutes; others are
 * unaffected. The throttle keeps no address (an HMAC of it), and its rows expire.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginRateLimitTest {

    private static final ExecutorService PARALLEL = Executors.newFixedThreadPool(20);

    @LocalServerPort
    int port;

    @Autowired
    SettableClock clock;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    AuthUserParticipant participant;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("auth")
    com.bakeryia.platform.data.ServiceDatabase db;

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockoutEnds() {
        Member victim = register();
        Member bystander = register();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(victim.email(), "guess-" + attempt + "-abc").status()).as("attempt %d", attempt).isEqualTo(401);
        }

        var locked = login(victim.email(), TenantFixture.PASSWORD);

        assertProblem(locked, 429, "too many failed logins");
        assertThat(Long.parseLong(locked.header("Retry-After").get(0))).isBetween(1L, 900L);
        assertThat(login(victim.email().toUpperCase(), TenantFixture.PASSWORD).status()).isEqualTo(429);
        assertThat(login(bystander.email(), TenantFixture.PASSWORD).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));

        assertThat(login(victim.email(), TenantFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        Member user = register();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(login(user.email(), "wrong-password-" + attempt).status()).isEqualTo(401);
        }
        assertThat(login(user.email(), TenantFixture.PASSWORD).status()).isEqualTo(200);

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(login(user.email(), "wrong-again-" + attempt).status()).isEqualTo(401);
        }

        assertThat(login(user.email(), TenantFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void parallelGuessesAgainstOneAccountAreCountedOneByOneSoNoMoreThanFiveAreChecked() {
        Member victim = register();
        var guesses = IntStream.range(0, 20)
                .mapToObj(attempt -> CompletableFuture.supplyAsync(
                        () -> login(victim.email(), "parallel-guess-" + attempt).status(), PARALLEL))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(guesses).filteredOn(status -> status == 401).hasSize(5);
        assertThat(guesses).filteredOn(status -> status != 401).containsOnly(429);
    }

    @Test
    void unknownAccountsAreThrottledLikeKnownOnes() {
        String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(nobody, "guess-" + attempt + "-abc").status()).isEqualTo(401);
        }

        assertThat(login(nobody, "guess-6-abc").status()).isEqualTo(429);
    }

    @Test
    void noAddressIsKeptNotEvenOfAPersonErasedBeforeSomeoneTypedItAgainAndRowsExpire() {
        Member erased = register();
        assertThat(login(erased.email(), "wrong-before-abc").status()).isEqualTo(401);
        participant.delete(DeletionSubject.user(erased.userId()));

        assertThat(login(erased.email(), "after-the-erasure-abc").status()).isEqualTo(401);
        assertThat(login(" " + erased.email().toUpperCase(java.util.Locale.ROOT) + " ", "again-abc").status()).isEqualTo(401);

        String localPart = erased.email().substring(0, erased.email().indexOf('@'));
        assertThat(db.jdbc().queryForList("select * from auth.login_throttle").toString())
                .as("no address in the table, in any spelling").doesNotContainIgnoringCase(localPart);
        assertThat(db.jdbc().queryForObject("select failures from auth.login_throttle where account_key = ?", Integer.class,
                throttle.keyOf(erased.email()))).as("one row for every spelling of the address").isEqualTo(2);
        assertThat(throttle.keyOf("\u212Aate@Example.com ")).as("the Kelvin sign is a K once normalised")
                .isEqualTo(throttle.keyOf("kate@example.com")).matches("[0-9a-f]{64}");

        clock.advance(Duration.ofMinutes(16));
        assertThat(login("someone-else-" + UUID.randomUUID() + "@example.com", "any-abc").status()).isEqualTo(401);

        assertThat(db.jdbc().queryForObject("select count(*) from auth.login_throttle where account_key = ?", Long.class,
                throttle.keyOf(erased.email()))).as("expired with its window, whoever typed the address").isZero();
    }

    private ApiClient.Response login(String email, String password) {
        return ApiClient.onPort(port).post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
    }

    private Member register() {
        return TenantFixture.register(ApiClient.onPort(port), "throttle", UUID.randomUUID().toString().substring(0, 8));
    }
}
