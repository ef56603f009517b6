package com.bakeryia.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.remote.CredentialExchangeTokenSource;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A process without the auth service obtains its service token by exchanging the platform's
 * client credentials at the remote auth service (here: this test's server), not by minting it.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class RemoteServiceTokenExchangeTest {

    @LocalServerPort
    int port;

    @Autowired
    ServiceClientCredentials platformClient;

    @Autowired
    Clock clock;

    @Test
    void aProcessWithoutAuthCallsOtherServicesWithAnExchangedToken() {
        UUID user = TenantFixture.register(ApiClient.onPort(port), "remote", "exchange").userId();
        RemoteServices remote = ordersProcess(platformClient);

        JsonNode found = remote.client("auth", Duration.ofSeconds(5)).get()
                .uri("/api/v1/users/{user_id}", user).retrieve().body(JsonNode.class);

        assertThat(remote.isLocal("auth")).isFalse();
        assertThat(found.path("id").asString()).isEqualTo(user.toString());
    }

    @Test
    void wrongPlatformCredentialsGetNoToken() {
        RemoteServices remote = ordersProcess(new ServiceClientCredentials(platformClient.clientId(), "not-the-secret"));

        // The exchange is refused by the auth service; a process without auth has no key to mint with,
        // and the error says what to set (the usual cause: a secret of its own in its own data dir).
        assertThatThrownBy(() -> remote.client("auth", Duration.ofSeconds(5)).get()
                .uri("/api/v1/users/{user_id}", UUID.randomUUID()).retrieve().toBodilessEntity())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused client " + platformClient.clientId())
                .hasMessageContaining("bakery.service-client.secret")
                .hasCauseInstanceOf(HttpClientErrorException.Unauthorized.class);
    }

    /** The remote-services view of a process that runs only orders and reaches auth at this test's port. */
    private RemoteServices ordersProcess(ServiceClientCredentials credentials) {
        var properties = new BakeryProperties(Path.of("unused"), new BakeryProperties.Database(null, null, null, null),
                Map.of("auth", new BakeryProperties.Service(URI.create("http://127.0.0.1:" + port), null)));
        var exchange = new CredentialExchangeTokenSource(properties, RestClient.builder(), credentials, clock);
        return new RemoteServices(List.of(ServiceModule.named("orders")), properties, exchange, RestClient.builder(), clock);
    }
}
