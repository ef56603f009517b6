package com.bakeryia.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens: none is 401, the wrong kind 403, a bad one 401; always as problem+json. */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityBaselineTest {

    private static final String SERVICE_ONLY = "/api/v1/orders/info";

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    JwtSigningKey signingKey;

    @Autowired
    SecurityProperties security;

    @Test
    void requestWithoutTokenIsRefusedWith401Problem() {
        var response = ApiClient.onPort(port).get(SERVICE_ONLY, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(response.json().path("detail").asText()).contains("bearer token");
        assertThat(response.header("WWW-Authenticate")).singleElement().asString().startsWith("Bearer");
    }

    @Test
    void userTokenOnServiceEndpointIsRefusedWith403Problem() {
        ApiClient api = ApiClient.onPort(port);
        var user = TenantFixture.register(api, "baseline", UUID.randomUUID().toString().substring(0, 8));
        var response = api.get(SERVICE_ONLY, user.accessToken());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("title").asText()).isEqualTo("Forbidden");
    }

    @Test
    void validlySignedTokenNamingNoAccountIsRefusedWith401Problem() {
        var response = ApiClient.onPort(port).get("/api/v1/users/me", tokens.issueUserToken(UUID.randomUUID()).value());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).contains("does not exist");
        assertThat(response.header("WWW-Authenticate")).singleElement().asString().contains("invalid_token");
    }

    @Test
    void serviceTokenReachesServiceEndpoint() {
        var response = ApiClient.onPort(port).get(SERVICE_ONLY, tokens.issueServiceToken("ops").value());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("schema").asText()).isEqualTo("orders");
        assertThat(response.json().path("migration_version").asText()).isNotEqualTo("none");
    }

    @Test
    void malformedTokenIsRefusedInPlainWords() {
        ApiClient api = ApiClient.onPort(port);

        assertRefused(api.get(SERVICE_ONLY, "not.a.jwt"), "The bearer token is malformed.");
        assertRefused(api.get(SERVICE_ONLY, "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"), "The bearer token is malformed.");
        // Characters no JWT holds: refused before any decoding.
        assertRefused(api.get(SERVICE_ONLY, "%%%"), "The bearer token is malformed.");
    }

    @Test
    void expiredTokenIsRefused() {
        String expired = JwtTokens.sign(signingKey, security.issuer(), PrincipalKind.SERVICE, "ops",
                Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5)).value();

        assertRefused(ApiClient.onPort(port).get(SERVICE_ONLY, expired), "The bearer token is expired.");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        String forged = JwtTokens.sign(JwtSigningKey.generate(), security.issuer(), PrincipalKind.SERVICE, "ops",
                Instant.now(), Duration.ofMinutes(5)).value();

        assertRefused(ApiClient.onPort(port).get(SERVICE_ONLY, forged), "The bearer token is signed by an unknown key.");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        String otherIssuer = JwtTokens.sign(signingKey, "someone-else", PrincipalKind.SERVICE, "ops",
                Instant.now(), Duration.ofMinutes(5)).value();

        assertRefused(ApiClient.onPort(port).get(SERVICE_ONLY, otherIssuer), "The bearer token is invalid.");
    }

    /** 401 problem+json with exactly our words, in the detail and in the RFC 6750 header. */
    private static void assertRefused(ApiClient.Response response, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).isEqualTo(detail);
        assertThat(response.header("WWW-Authenticate")).singleElement().asString()
                .startsWith("Bearer error=\"invalid_token\"")
                .contains("error_description=\"" + detail + "\"")
                .doesNotContainIgnoringCase("jwt");
    }

    @Test
    void unknownServiceIsA404Problem() {
        var response = ApiClient.onPort(port).get("/api/v1/bakery-of-nowhere/info", tokens.issueServiceToken("ops").value());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asText()).contains("bakery-of-nowhere");
    }
}
