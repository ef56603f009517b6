package com.bakeryia.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * Tokens: none is 401, the wrong kind 403, a bad one 401; always as problem+json. And browsers of
 * other origins: only the configured ones may call {@code /api/**}.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityBaselineTest {

    private static final String SERVICE_ONLY = "/api/v1/orders/info";

    /** The origin this module's test configuration allows (bakery.security.cors.allowed-origins). */
    private static final String ALLOWED_ORIGIN = "https://console.bakery.test";

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

    /**
     * A browser page of the configured origin (this module's tests allow https://console.bakery.test)
     * may call the API: its preflight is answered without a token, naming what it may send and read.
     */
    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithWhatItMaySendAndRead() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/deletion-jobs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization, content-type"));

        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization", "content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");

        HttpResponse<String> call = send(HttpRequest.newBuilder(uri("/api/v1/deletion-jobs/stats"))
                .header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", "Bearer " + tokens.issueServiceToken("ops").value()));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
                        "X-Request-Id");
    }

    /** Any other origin gets nothing to read: a problem, and no CORS header a browser would honour. */
    @Test
    void aPreflightOrACallFromAnotherOriginIsRefusedAsAProblem() throws Exception {
        for (String origin : List.of("https://evil.example", "https://console.bakery.test:8443", "http://console.bakery.test")) {
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/deletion-jobs"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "GET"));
            HttpResponse<String> call = send(HttpRequest.newBuilder(uri("/api/v1/deletion-jobs"))
                    .header("Origin", origin)
                    .header("Authorization", "Bearer " + tokens.issueServiceToken("ops").value()));

            for (HttpResponse<String> refused : List.of(preflight, call)) {
                assertThat(refused.statusCode()).as("%s: %s", origin, refused.body()).isEqualTo(403);
                assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(refused.body()).contains("bakery.security.cors.allowed-origins");
                assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            }
        }
        HttpResponse<String> preflightOfAnotherMethod = send(HttpRequest.newBuilder(uri("/api/v1/deletion-jobs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "TRACE"));
        assertThat(preflightOfAnotherMethod.statusCode()).isEqualTo(403);
        HttpResponse<String> outsideTheApi = send(HttpRequest.newBuilder(uri("/actuator/health")).header("Origin", ALLOWED_ORIGIN));
        assertThat(outsideTheApi.statusCode()).isEqualTo(200);
        assertThat(outsideTheApi.headers().firstValue("Access-Control-Allow-Origin")).as("only /api/** is shared").isEmpty();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
