package com.bakeryia.orchestrator.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.certificate.CertificateKeys;
import com.bakeryia.orchestrator.certificate.DeletionCertificateSigner;
import com.bakeryia.orchestrator.certificate.DeletionCertificateVerifier;
import com.bakeryia.orchestrator.certificate.SignedCertificate;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The deletion certificates' public keys over real HTTP, in the orchestrator's test context. */
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionCertificateJwksTest {

    static final String JWKS = "/api/v1/deletion-certificates/jwks.json";

    @LocalServerPort
    int port;

    @Autowired
    CertificateKeys keys;

    @Autowired
    DeletionCertificateSigner signer;

    @Autowired
    JwtTokens tokens;

    @Test
    void anonymousCallersGetTheCurrentPublicKeyWithoutPrivatePartsAsAJwkSet() throws Exception {
        ApiClient.Response answer = ApiClient.onPort(port).get(JWKS, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/jwk-set+json");
        assertThat(answer.header("Cache-Control")).singleElement().satisfies(cache ->
                assertThat(cache.split(",\\s*")).containsExactlyInAnyOrder("public", "max-age=30"));
        var first = answer.json().path("keys").get(0);
        assertThat(first.path("kid").asText()).isEqualTo(keys.current().getKeyID());
        assertThat(first.path("kty").asText()).isEqualTo("EC");
        assertThat(first.path("crv").asText()).isEqualTo("P-256");
        assertThat(first.path("alg").asText()).isEqualTo("ES256");
        assertThat(first.path("use").asText()).isEqualTo("sig");
        assertThat(answer.json().path("keys").findValues("d")).isEmpty();
        assertThat(JWKSet.parse(answer.text()).getKeys()).noneMatch(key -> key.isPrivate());
    }

    @Test
    void callersAskingForPlainJsonGetIt() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + JWKS)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(JWKSet.parse(answer.body()).getKeyByKeyId(keys.current().getKeyID())).isNotNull();
    }

    @Test
    void aTokenIsNotNeededNorInTheWay() {
        String serviceToken = tokens.issueServiceToken("ops").value();

        assertThat(ApiClient.onPort(port).get(JWKS, serviceToken).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).get(JWKS, "not-a-token").status()).isEqualTo(200);
    }

    @Test
    void whatTheOrchestratorSignsVerifiesAgainstWhatItPublishes() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : DeletionCertificateVerifier.REQUIRED_CLAIMS) {
            if (!name.equals("iss") && !name.equals("iat")) {
                claims.put(name, name.equals("services") ? List.of(Map.of("service", "oven")) : name + "-value");
            }
        }
        SignedCertificate certificate = signer.sign(claims, OrchestratorTestApplication.CLOCK.instant());
        JWKSet published = JWKSet.parse(ApiClient.onPort(port).get(JWKS, null).text());

        assertThat(DeletionCertificateVerifier.verify(certificate.jws(), published))
                .containsEntry("iss", "bakery-ia")
                .containsEntry("services", List.of(Map.of("service", "oven")));
    }

    @Test
    void theApiDocsListTheEndpointWithoutASecurityRequirement() {
        ApiClient.Response docs = ApiClient.onPort(port).get("/v3/api-docs", null);

        var operation = docs.json().path("paths").path(JWKS).path("get");
        assertThat(operation.path("tags").get(0).asText()).isEqualTo("Deletion certificates");
        assertThat(operation.path("security").isArray()).isTrue();
        assertThat(operation.path("security").size()).isZero();
        assertThat(operation.path("responses").has("200")).isTrue();
        assertThat(operation.path("responses").has("429")).isTrue();
    }
}
