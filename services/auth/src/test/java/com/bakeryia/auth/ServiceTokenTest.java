package com.bakeryia.auth;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.bakeryia.auth.RegistrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service clients exchange their credentials for a service token: operators configured under
 * {@code bakery.auth.service-clients.<id>.secret}, and the platform's own client without configuration.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServiceTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    ServiceClientCredentials platformClient;

    @Test
    void aConfiguredClientGetsAServiceTokenThatOpensServiceEndpoints() {
        var token = exchange("ops", "ops-secret-for-tests-0123456789");

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().path("expires_in").asLong()).isPositive();
        assertThat(token.json().has("refresh_token")).isFalse();
        UUID user = TenantFixture.register(api(), "looked-up", "svc").userId();
        var lookup = api().get("/api/v1/users/" + user, token.json().path("access_token").asText());
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().path("id").asText()).isEqualTo(user.toString());
    }

    @Test
    void thePlatformsOwnClientIsAcceptedWithoutConfiguration() {
        var token = exchange(platformClient.clientId(), platformClient.secret());

        assertThat(token.status()).isEqualTo(200);
        assertThat(api().get("/api/v1/users/" + UUID.randomUUID(), token.json().path("access_token").asText()).status())
                .isEqualTo(404);
    }

    @Test
    void wrongSecretsAndUnknownClientsAreRefused() {
        assertProblem(exchange("ops", "not-the-secret"), 401, "service client");
        assertProblem(exchange("stranger", "ops-secret-for-tests-0123456789"), 401, "service client");
        assertProblem(exchange(platformClient.clientId(), platformClient.secret() + "x"), 401, "service client");
        assertProblem(api().post("/api/v1/auth/service-token", null, Map.of("client_id", "ops")), 400, "client_secret");
    }

    private ApiClient.Response exchange(String clientId, String secret) {
        return api().post("/api/v1/auth/service-token", null, Map.of("client_id", clientId, "client_secret", secret));
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }
}
