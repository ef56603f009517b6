package com.bakeryia.platform.remote;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.ServiceClientCredentials;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Where each service is: in this process, or at {@code bakery.services.<name>.url}. Clients for
 * remote services carry a service token of this process: minted with the signing key when the auth
 * service runs here, otherwise obtained from the remote auth service by exchanging the platform's
 * client credentials at {@code POST /api/v1/auth/service-token}. Either way the token is reused
 * until shortly before it expires.
 */
public class RemoteServices {

    /** The client id this process uses in the service tokens it presents to other services. */
    public static final String PLATFORM_CLIENT_ID = "bakery-platform";

    private final Set<String> local;
    private final BakeryProperties properties;
    private final JwtTokens tokens;
    private final RestClient.Builder builder;
    private final Clock clock;
    private final ServiceClientCredentials credentials;
    private JwtTokens.IssuedToken current;

    /** Mints tokens locally whatever runs here; for processes that hold the auth service's key on purpose. */
    public RemoteServices(List<ServiceModule> localModules, BakeryProperties properties, JwtTokens tokens,
                          RestClient.Builder builder, Clock clock) {
        this(localModules, properties, tokens, builder, clock, null);
    }

    /**
     * @param credentials the platform's client credentials, exchanged at the remote auth service when
     *                    auth does not run here; null to always mint locally
     */
    public RemoteServices(List<ServiceModule> localModules, BakeryProperties properties, JwtTokens tokens,
                          RestClient.Builder builder, Clock clock, ServiceClientCredentials credentials) {
        this.local = localModules.stream().map(ServiceModule::name).collect(Collectors.toUnmodifiableSet());
        this.properties = properties;
        this.tokens = tokens;
        this.builder = builder;
        this.clock = clock;
        this.credentials = credentials;
    }

    public boolean isLocal(String service) {
        return local.contains(service);
    }

    /** The configured base URL of a service that runs elsewhere. */
    public URI baseUrl(String service) {
        URI url = properties.service(service).url();
        if (url == null) {
            throw new IllegalStateException("Service " + service + " does not run in this process and "
                    + "bakery.services." + service + ".url is not set");
        }
        return url;
    }

    /** A client for a remote service: base URL set, service token attached, bounded timeouts. */
    public RestClient client(String service, Duration timeout) {
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(5));
        requestFactory.setReadTimeout(timeout);
        return builder.clone()
                .baseUrl(baseUrl(service).toString())
                .requestFactory(requestFactory)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken());
                    return execution.execute(request, body);
                })
                .build();
    }

    private synchronized String serviceToken() {
        if (current == null || current.expiresAt().minus(refreshMargin(current)).isBefore(clock.instant())) {
            current = credentials == null || isLocal("auth")
                    ? tokens.issueServiceToken(credentials == null ? PLATFORM_CLIENT_ID : credentials.clientId())
                    : exchangeCredentials();
        }
        return current.value();
    }

    /** Renew 30 s before expiry, or at half-life for very short tokens. */
    private static Duration refreshMargin(JwtTokens.IssuedToken token) {
        Duration half = token.lifetime().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(30)) < 0 ? half : Duration.ofSeconds(30);
    }

    private JwtTokens.IssuedToken exchangeCredentials() {
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(5));
        requestFactory.setReadTimeout(Duration.ofSeconds(10));
        JsonNode answer = builder.clone()
                .baseUrl(baseUrl("auth").toString())
                .requestFactory(requestFactory)
                .build()
                .post()
                .uri("/api/v1/auth/service-token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("client_id", credentials.clientId(), "client_secret", credentials.secret()))
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.path("access_token").isString()) {
            throw new IllegalStateException("The auth service answered the service-token request without a token");
        }
        Duration lifetime = Duration.ofSeconds(Math.max(1, answer.path("expires_in").asLong(60)));
        return new JwtTokens.IssuedToken(answer.path("access_token").asString(), clock.instant().plus(lifetime), lifetime);
    }
}
