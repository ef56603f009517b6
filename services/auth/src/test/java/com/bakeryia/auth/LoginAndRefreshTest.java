package com.bakeryia.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.bakeryia.auth.RegistrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Login answers an OAuth 2 token response; refresh tokens rotate, are stored hashed and can be revoked. */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginAndRefreshTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("auth")
    ServiceDatabase db;

    @Autowired
    JwtSigningKey signingKey;

    @Autowired
    SecurityProperties security;

    @Autowired
    Clock clock;

    @Test
    void loginAnswersAnAccessTokenThatIdentifiesTheUser() {
        Member user = register();

        var login = api().post("/api/v1/auth/login", null,
                Map.of("email", user.email().toUpperCase(), "password", TenantFixture.PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isBetween(60L, 3600L);
        assertThat(login.json().path("refresh_token").asText()).isNotBlank();
        var me = api().get("/api/v1/users/me", login.json().path("access_token").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(user.userId().toString());
        assertThat(me.json().path("email").asText()).isEqualTo(user.email());
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSame401() {
        Member user = register();

        var wrongPassword = api().post("/api/v1/auth/login", null, Map.of("email", user.email(), "password", "nope-12345"));
        var unknown = api().post("/api/v1/auth/login", null,
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", TenantFixture.PASSWORD));

        assertProblem(wrongPassword, 401, "incorrect");
        assertProblem(unknown, 401, "incorrect");
        assertThat(unknown.json().path("detail").asText()).isEqualTo(wrongPassword.json().path("detail").asText());
        assertProblem(api().post("/api/v1/auth/login", null, Map.of("email", user.email())), 400, "password");
        assertProblem(api().post("/api/v1/auth/login", null, Map.of("email", user.email(), "password", "p4".repeat(50))),
                401, "incorrect");
    }

    @Test
    void refreshRotatesTheTokenAndTheOldOneStopsWorking() {
        Member user = register();

        var refreshed = refresh(user.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        String next = refreshed.json().path("refresh_token").asText();
        assertThat(next).isNotEqualTo(user.refreshToken());
        assertThat(api().get("/api/v1/users/me", refreshed.json().path("access_token").asText()).status()).isEqualTo(200);

        assertProblem(refresh(user.refreshToken()), 401, "refresh token");
    }

    @Test
    void aStaleAccessTokenSentAlongDoesNotBlockRefreshOrLogin() {
        Member user = register();
        String expired = JwtTokens.sign(signingKey, security.issuer(), PrincipalKind.USER, user.userId().toString(),
                clock.instant().minus(Duration.ofHours(2)), Duration.ofMinutes(15)).value();

        var refreshed = api().post("/api/v1/auth/refresh", expired, Map.of("refresh_token", user.refreshToken()));
        var login = api().post("/api/v1/auth/login", expired,
                Map.of("email", user.email(), "password", TenantFixture.PASSWORD));

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(api().get("/api/v1/users/me", expired).status()).isEqualTo(401);
    }

    @Test
    void replayingARevokedRefreshTokenRevokesItsSuccessorToo() {
        Member user = register();
        String successor = refresh(user.refreshToken()).json().path("refresh_token").asText();

        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);

        assertProblem(refresh(successor), 401, "revoked");
    }

    @Test
    void logoutRevokesTheRefreshTokenAndIsIdempotent() {
        Member user = register();

        assertThat(api().post("/api/v1/auth/logout", null, Map.of("refresh_token", user.refreshToken())).status())
                .isEqualTo(204);
        assertThat(api().post("/api/v1/auth/logout", null, Map.of("refresh_token", user.refreshToken())).status())
                .isEqualTo(204);

        assertProblem(refresh(user.refreshToken()), 401, "refresh token");
        assertProblem(refresh("made-up-token"), 401, "refresh token");
        assertProblem(api().post("/api/v1/auth/refresh", null, Map.of()), 400, "refresh_token");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        Member user = register();

        var stored = db.jdbc().queryForList("select token_hash from auth.refresh_tokens where user_id = ?", String.class,
                user.userId());

        assertThat(stored).containsExactly(RefreshTokens.hash(user.refreshToken())).doesNotContain(user.refreshToken());
    }

    private ApiClient.Response refresh(String token) {
        return api().post("/api/v1/auth/refresh", null, Map.of("refresh_token", token));
    }

    private Member register() {
        return TenantFixture.register(api(), "login", UUID.randomUUID().toString().substring(0, 8));
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }
}
