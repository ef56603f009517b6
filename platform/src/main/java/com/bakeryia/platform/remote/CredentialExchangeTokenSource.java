package com.bakeryia.platform.remote;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.ServiceClientCredentials;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Service tokens obtained from the auth service at {@code bakery.services.auth.url} by exchanging
 * the platform's client credentials at {@code POST /api/v1/auth/service-token}: how a process
 * without the auth service (and so without a signing key) gets its tokens.
 */
public class CredentialExchangeTokenSource implements ServiceTokenSource {

    private final BakeryProperties properties;
    private final RestClient.Builder builder;
    private final ServiceClientCredentials credentials;
    private final Clock clock;

    public CredentialExchangeTokenSource(BakeryProperties properties, RestClient.Builder builder,
                                         ServiceClientCredentials credentials, Clock clock) {
        this.properties = properties;
        this.builder = builder;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public JwtTokens.IssuedToken issue() {
        URI authUrl = properties.service("auth").url();
        if (authUrl == null) {
            throw new IllegalStateException("The auth service does not run in this process and "
                    + "bakery.services.auth.url is not set, so this process cannot obtain a service token");
        }
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(5));
        requestFactory.setReadTimeout(Duration.ofSeconds(10));
        JsonNode answer;
        try {
            answer = builder.clone()
                    .baseUrl(authUrl.toString())
                    .requestFactory(requestFactory)
                    .build()
                    .post()
                    .uri("/api/v1/auth/service-token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("client_id", credentials.clientId(), "client_secret", credentials.secret()))
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpClientErrorException.Unauthorized refused) {
            // The usual cause: this process generated a secret of its own in its own data directory.
            throw new IllegalStateException("The auth service at " + authUrl + " refused client " + credentials.clientId()
                    + ": every process of a deployment needs the same secret (set bakery.service-client.secret,"
                    + " or BAKERY_SERVICE_CLIENT_SECRET, to the same value everywhere)", refused);
        }
        if (answer == null || !answer.path("access_token").isString()) {
            throw new IllegalStateException("The auth service answered the service-token request without a token");
        }
        Duration lifetime = Duration.ofSeconds(Math.max(1, answer.path("expires_in").asLong(60)));
        return new JwtTokens.IssuedToken(answer.path("access_token").asString(), clock.instant().plus(lifetime), lifetime);
    }
}
