package com.bakeryia.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.annotation.DirtiesContext;

import static com.bakeryia.auth.RegistrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits with small settings, over real HTTP: the public auth endpoints per client address
 * (everything here comes from 127.0.0.1), a user's requests per user; past a limit, 429 problem+json
 * with Retry-After.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "bakery.rate-limits.enabled=true",
        "bakery.rate-limits.per-address.limit=6",
        "bakery.rate-limits.per-address.period=10m",
        "bakery.rate-limits.per-user.limit=3",
        "bakery.rate-limits.per-user.period=10m"})
@DirtiesContext
class RateLimitsOverHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    FilterChainProxy security;

    @Test
    void theLimitRunsAfterTheTokenIsVerifiedAndBeforeTheAccountLookup() {
        List<String> filters = security.getFilterChains().get(0).getFilters().stream()
                .map(filter -> filter.getClass().getSimpleName()).toList();

        assertThat(filters).containsSubsequence("BearerTokenAuthenticationFilter", "RateLimitFilter", "ActiveAccountFilter");
    }

    @Test
    void thePublicAuthOperationsDocumentThe429() {
        var paths = ApiClient.onPort(port).get("/v3/api-docs", null).json().path("paths");

        for (String path : List.of("register", "login", "refresh", "logout", "service-token")) {
            var responses = paths.path("/api/v1/auth/" + path).path("post").path("responses");
            assertThat(responses.has("429")).as(path).isTrue();
            assertThat(responses.path("429").path("content").has("application/problem+json")).as(path).isTrue();
        }
        assertThat(paths.path("/api/v1/auth/login").path("post").path("responses").has("503")).isTrue();
        assertThat(paths.path("/api/v1/auth/register").path("post").path("responses").has("503")).isTrue();
    }

    @Test
    void aUserPastTheirLimitIsAnswered429AndTheClientAddressPastItsLimitToo() {
        ApiClient api = ApiClient.onPort(port);
        Member user = TenantFixture.register(api, "limited", UUID.randomUUID().toString().substring(0, 8)); // 2 of 6

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/users/me", user.accessToken()).status()).as("read %d", i).isEqualTo(200);
        }
        var refusedUser = api.get("/api/v1/users/me", user.accessToken());
        assertProblem(refusedUser, 429, "too many requests");
        assertThat(Long.parseLong(refusedUser.header("Retry-After").get(0))).isBetween(1L, 600L);

        int answered = 0;
        ApiClient.Response login;
        do {
            login = api.post("/api/v1/auth/login", null,
                    Map.of("email", "nobody-" + UUID.randomUUID() + "@bakery.test", "password", "wrong-password-1"));
            answered++;
        } while (login.status() == 401 && answered < 10);

        assertThat(answered).as("logins until refused: the 4 left of the address's 6").isEqualTo(5);
        assertProblem(login, 429, "too many requests");
        assertThat(Long.parseLong(login.header("Retry-After").get(0))).isBetween(1L, 600L);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", user.refreshToken())).status())
                .as("refresh counts against the same address").isEqualTo(429);
    }
}
