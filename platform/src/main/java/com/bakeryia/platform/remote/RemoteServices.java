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

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Where each service is: in this process, or at {@code bakery.services.<name>.url}. Clients for
 * remote services carry a service token of this process from its {@link ServiceTokenSource}
 * (minted locally where the auth service runs, otherwise exchanged at the auth service), reused
 * until shortly before it expires.
 */
public class RemoteServices {

    /** The client id this process uses in the service tokens it presents to other services. */
    public static final String PLATFORM_CLIENT_ID = "bakery-platform";

    private final Set<String> local;
    private final BakeryProperties properties;
    private final ServiceTokenSource tokens;
    private final RestClient.Builder builder;
    private final Clock clock;
    private JwtTokens.IssuedToken current;

    public RemoteServices(List<ServiceModule> localModules, BakeryProperties properties, ServiceTokenSource tokens,
                          RestClient.Builder builder, Clock clock) {
        this.local = localModules.stream().map(ServiceModule::name).collect(Collectors.toUnmodifiableSet());
        this.properties = properties;
        this.tokens = tokens;
        this.builder = builder;
        this.clock = clock;
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
            current = tokens.issue();
        }
        return current.value();
    }

    /** Renew 30 s before expiry, or at half-life for very short tokens. */
    private static Duration refreshMargin(JwtTokens.IssuedToken token) {
        Duration half = token.lifetime().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(30)) < 0 ? half : Duration.ofSeconds(30);
    }
}
