package com.bakeryia.platform.security;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ProblemWriter;
import com.bakeryia.platform.web.RateLimitFilter;
import com.bakeryia.platform.web.RateLimits;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every request needs a bearer JWT signed with one of the auth service's keys, except health, API
 * docs and the paths services declare as {@link PublicPaths}. Only the auth service holds the
 * private keys; other processes verify with the public ones it publishes. Which kind of principal
 * may call what is stated on each endpoint with {@code @PreAuthorize}. A user's token acts only while
 * their account is ACTIVE, and with the platform roles the account holds ({@link ActiveAccountFilter}).
 * Browsers of other origins may call {@code /api/**} only when {@code bakery.security.cors.allowed-origins}
 * names them ({@link CrossOriginPolicy}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class PlatformSecurityConfiguration {

    private static final String[] ALWAYS_PUBLIC = {
            "/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/swagger-ui/**",
            "/error"};

    /**
     * Without the auth service in this process: trust the public keys it publishes at
     * {@code bakery.services.auth.url}. (The auth service declares its own decoder over its local keys.)
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(BakeryProperties bakery, SecurityProperties security, Clock clock) {
        URI authUrl = bakery.service("auth").url();
        if (authUrl == null) {
            return PlatformJwtDecoders.refusingAll("bakery.services.auth.url is not set, so no token can be verified here");
        }
        return PlatformJwtDecoders.fromAuthService(authUrl, security, clock);
    }

    @Bean
    SecurityFilterChain platformSecurity(HttpSecurity http, JwtDecoder decoder, ProblemWriter problems,
                                         List<PublicPaths> publicPaths, UserDirectory users, RateLimits rateLimits,
                                         CorsProperties cors)
            throws Exception {
        var handlers = new ProblemSecurityHandlers(problems);
        String[] servicePublic = servicePatterns(publicPaths).toArray(String[]::new);
        // No CORS unless origins are named: not even the MVC handlers' (none declares any).
        http.cors(configurer -> configurer.disable());
        if (cors.enabled()) {
            // At the place Spring Security gives CORS: before the token is read, so a preflight needs none.
            http.addFilter(CrossOriginPolicy.filter(cors, problems));
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(ALWAYS_PUBLIC).permitAll();
                    if (servicePublic.length > 0) {
                        requests.requestMatchers(servicePublic).permitAll();
                    }
                    requests.requestMatchers("/actuator/**").hasRole(PrincipalKind.SERVICE.name());
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenResolver(ignoringTokensOn(servicePublic))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new KindToRole()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers));
        if (rateLimits.enabled()) {
            // Added first at the same place, so it runs before the account lookup (filters of one
            // order keep the order they were added in): a refused request costs no lookup.
            http.addFilterAfter(new RateLimitFilter(rateLimits, List.of(servicePublic), problems),
                    BearerTokenAuthenticationFilter.class);
        }
        http.addFilterAfter(new ActiveAccountFilter(users, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Every path pattern served without a token: the platform's own (health, API docs, the error
     * page) and those the services declare. The API document lifts its bearer requirement on
     * exactly these, so the two cannot drift.
     */
    public static List<String> publicPatterns(List<PublicPaths> publicPaths) {
        return java.util.stream.Stream.concat(Arrays.stream(ALWAYS_PUBLIC), servicePatterns(publicPaths).stream()).toList();
    }

    private static List<String> servicePatterns(List<PublicPaths> publicPaths) {
        return publicPaths.stream().flatMap(p -> p.patterns().stream()).toList();
    }

    /**
     * Reads the bearer token except on the services' public paths: a client that still sends its
     * expired access token when it logs in again or refreshes must not be refused for it. (Health
     * keeps reading tokens: a service token shows its details.)
     */
    static BearerTokenResolver ignoringTokensOn(String[] publicPatterns) {
        var bearer = new DefaultBearerTokenResolver();
        List<RequestMatcher> publicPaths = Arrays.stream(publicPatterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .toList();
        return request -> publicPaths.stream().anyMatch(path -> path.matches(request)) ? null : bearer.resolve(request);
    }

    /** The token's {@code kind} claim becomes its one role; a token without a known kind is refused. */
    static final class KindToRole implements Converter<Jwt, AbstractAuthenticationToken> {

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            PrincipalKind kind = PrincipalKind.fromClaim(jwt.getClaimAsString(JwtTokens.KIND_CLAIM))
                    .orElseThrow(() -> new InvalidBearerTokenException("The token names no known principal kind"));
            return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(kind.authority())), jwt.getSubject());
        }
    }
}
