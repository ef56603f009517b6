package com.bakeryia.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth endpoints that need a token, against each kind of caller. Users are not tenant-scoped
 * here, so tenant roles do not apply: a user is a user. The public endpoints are covered by the
 * other auth tests, all called without a token.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class AuthAuthorizationMatrixTest {

    private static final JwtSigningKey UNTRUSTED_KEY = JwtSigningKey.generate();

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    JwtSigningKey signingKey;

    @Autowired
    SecurityProperties security;

    /** The application's clock: another test class may have moved it forward. */
    @Autowired
    Clock clock;

    @ParameterizedTest(name = "{0} {1} by {2} answers {3}")
    @CsvSource({
            "GET, /api/v1/users/me, SELF, 200",
            "GET, /api/v1/users/me, SERVICE, 403",
            "GET, /api/v1/users/me, ANONYMOUS, 401",
            "GET, /api/v1/users/me, EXPIRED, 401",
            "GET, /api/v1/users/me, FORGED, 401",
            "GET, /api/v1/users/{id}, SERVICE, 200",
            "GET, /api/v1/users/{id}, SELF, 403",
            "GET, /api/v1/users/{id}, OTHER_USER, 403",
            "GET, /api/v1/users/{id}, ANONYMOUS, 401",
            "GET, /api/v1/users/{id}, EXPIRED, 401",
            "GET, /api/v1/users/{id}, FORGED, 401",
            "PUT, /api/v1/users/{id}/status, SERVICE, 200",
            "PUT, /api/v1/users/{id}/status, SELF, 403",
            "PUT, /api/v1/users/{id}/status, OTHER_USER, 403",
            "PUT, /api/v1/users/{id}/status, ANONYMOUS, 401",
            "PUT, /api/v1/users/{id}/status, EXPIRED, 401",
            "PUT, /api/v1/users/{id}/status, FORGED, 401"})
    void eachCallerGetsExactlyWhatTheRuleAllows(String method, String path, String caller, int expected) {
        ApiClient api = ApiClient.onPort(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Member user = TenantFixture.register(api, "matrix", run);
        String token = switch (caller) {
            case "SELF" -> user.accessToken();
            case "OTHER_USER" -> TenantFixture.register(api, "other", run).accessToken();
            case "SERVICE" -> tokens.issueServiceToken("ops").value();
            case "ANONYMOUS" -> null;
            case "EXPIRED" -> JwtTokens.sign(signingKey, security.issuer(), PrincipalKind.USER, user.userId().toString(),
                    clock.instant().minus(Duration.ofHours(2)), Duration.ofMinutes(15)).value();
            case "FORGED" -> JwtTokens.sign(UNTRUSTED_KEY, security.issuer(), PrincipalKind.USER, user.userId().toString(),
                    clock.instant(), Duration.ofMinutes(15)).value();
            default -> throw new IllegalArgumentException(caller);
        };

        String target = path.replace("{id}", user.userId().toString());
        // PUT status: ACTIVE for an ACTIVE account changes nothing, so an allowed call is a plain 200.
        var response = "PUT".equals(method) ? api.put(target, token, Map.of("status", "ACTIVE")) : api.get(target, token);

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).isTrue();
        } else {
            assertThat(response.json().path("id").asText()).isEqualTo(user.userId().toString());
            assertThat(response.text()).doesNotContain("password");
        }
    }

    /**
     * The address verification endpoints. Following a link is public: the token in it is the proof,
     * so every caller, with or without a bearer token, gets the same answer (here: 404 for a token no
     * link has). Asking for a new link is the signed-in person's own business: users only.
     */
    @ParameterizedTest(name = "{0} {1} by {2} answers {3}")
    @CsvSource({
            "GET, /api/v1/auth/email-verification, ANONYMOUS, 404",
            "GET, /api/v1/auth/email-verification, SELF, 404",
            "GET, /api/v1/auth/email-verification, OTHER_USER, 404",
            "GET, /api/v1/auth/email-verification, SERVICE, 404",
            "GET, /api/v1/auth/email-verification, OPERATOR, 404",
            "POST, /api/v1/auth/email-verification, ANONYMOUS, 404",
            "POST, /api/v1/auth/email-verification, SELF, 404",
            "POST, /api/v1/auth/email-verification, SERVICE, 404",
            "POST, /api/v1/auth/email-verification, OPERATOR, 404",
            "POST, /api/v1/users/me/email-verification, SELF, 202",
            "POST, /api/v1/users/me/email-verification, OTHER_USER, 202",
            "POST, /api/v1/users/me/email-verification, OPERATOR, 202",
            "POST, /api/v1/users/me/email-verification, SERVICE, 403",
            "POST, /api/v1/users/me/email-verification, ANONYMOUS, 401",
            "POST, /api/v1/users/me/email-verification, EXPIRED, 401",
            "POST, /api/v1/users/me/email-verification, FORGED, 401"})
    void addressVerificationAnswersEachCallerAsItsRuleSays(String method, String path, String caller, int expected) {
        ApiClient api = ApiClient.onPort(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Member user = TenantFixture.register(api, "verify-matrix", run);
        String token = switch (caller) {
            case "SELF" -> user.accessToken();
            case "OTHER_USER" -> TenantFixture.register(api, "other", run).accessToken();
            case "OPERATOR" -> TenantFixture.registerOperator(api, tokens.issueServiceToken("ops").value()).accessToken();
            case "SERVICE" -> tokens.issueServiceToken("ops").value();
            case "ANONYMOUS" -> null;
            case "EXPIRED" -> JwtTokens.sign(signingKey, security.issuer(), PrincipalKind.USER, user.userId().toString(),
                    clock.instant().minus(Duration.ofHours(2)), Duration.ofMinutes(15)).value();
            case "FORGED" -> JwtTokens.sign(UNTRUSTED_KEY, security.issuer(), PrincipalKind.USER, user.userId().toString(),
                    clock.instant(), Duration.ofMinutes(15)).value();
            default -> throw new IllegalArgumentException(caller);
        };
        String unknownLinkToken = "A".repeat(43);

        var response = "GET".equals(method) ? api.get(path + "?token=" + unknownLinkToken, token)
                : api.post(path, token, path.startsWith("/api/v1/auth/") ? Map.of("token", unknownLinkToken) : Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).isTrue();
        } else {
            assertThat(response.json().path("mailed").isBoolean()).as(response.toString()).isTrue();
        }
    }

    @ParameterizedTest(name = "GET /api/v1/users/{0} answers {1}")
    @CsvSource({"not-a-uuid, 400", "00000000-0000-0000-0000-000000000000, 404"})
    void badOrUnknownUserIdsAreProblems(String id, int expected) {
        var response = ApiClient.onPort(port).get("/api/v1/users/" + id, tokens.issueServiceToken("ops").value());

        assertThat(response.status()).isEqualTo(expected);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).contains(Map.of(400, "user_id", 404, id).get(expected));
    }
}
