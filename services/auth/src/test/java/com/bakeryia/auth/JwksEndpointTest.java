package com.bakeryia.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/auth/jwks.json}: public, the same public keys for every caller, never a private part. */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class JwksEndpointTest {

    private static final String JWKS = "/api/v1/auth/jwks.json";
    private static final JwtSigningKey FOREIGN_KEY = JwtSigningKey.generate();

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    JwtSigningKey signingKey;

    @Autowired
    SecurityProperties security;

    @Autowired
    Clock clock;

    @ParameterizedTest(name = "{0} gets the public key set")
    @ValueSource(strings = {"ANONYMOUS", "USER", "SERVICE", "FOREIGN_KEY"})
    void everyKindOfCallerGetsTheSamePublicSet(String caller) throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String token = switch (caller) {
            case "ANONYMOUS" -> null;
            case "USER" -> TenantFixture.register(api, "jwks", UUID.randomUUID().toString().substring(0, 8)).accessToken();
            case "SERVICE" -> tokens.issueServiceToken("ops").value();
            case "FOREIGN_KEY" -> JwtTokens.sign(FOREIGN_KEY, security.issuer(), PrincipalKind.SERVICE, "ops",
                    clock.instant(), Duration.ofMinutes(5)).value();
            default -> throw new IllegalArgumentException(caller);
        };

        ApiClient.Response response = api.get(JWKS, token);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(String.join(",", response.header("Cache-Control"))).contains("public", "max-age=30");
        JWKSet published = JWKSet.parse(response.text());
        assertThat(published.toJSONObject(false)).isEqualTo(new JWKSet(signingKey.publicKey()).toJSONObject(false));
    }

    @Test
    void thePublishedKeysHoldNoPrivateMaterial() {
        JsonNode keys = ApiClient.onPort(port).get(JWKS, null).json().path("keys");

        assertThat(keys.isArray()).isTrue();
        assertThat(keys.size()).isEqualTo(1);
        for (JsonNode key : keys) {
            assertThat(key.path("kty").asString()).isEqualTo("RSA");
            assertThat(key.path("kid").asString()).isEqualTo(signingKey.rsaKey().getKeyID());
            assertThat(key.has("n")).isTrue();
            assertThat(key.has("e")).isTrue();
            for (String privatePart : new String[]{"d", "p", "q", "dp", "dq", "qi", "oth"}) {
                assertThat(key.has(privatePart)).as("private member %s", privatePart).isFalse();
            }
        }
    }

    @Test
    void theEndpointIsInTheOpenApiDocumentAsPublic() {
        JsonNode operation = ApiClient.onPort(port).get("/v3/api-docs", null).json()
                .path("paths").path(JWKS).path("get");

        assertThat(operation.isMissingNode()).as("documented").isFalse();
        assertThat(operation.path("responses").has("200")).isTrue();
        assertThat(operation.path("security").isArray()).as("overrides the global bearer requirement").isTrue();
        assertThat(operation.path("security").size()).isZero();
    }
}
