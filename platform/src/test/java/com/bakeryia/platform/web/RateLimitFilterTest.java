package com.bakeryia.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/** Public paths are limited per client address, authenticated requests per principal; past the limit, 429 with Retry-After. */
class RateLimitFilterTest {

    private static final List<String> PUBLIC = List.of("/api/v1/auth/login", "/api/v1/auth/register");

    private final RateLimitFilter filter = new RateLimitFilter(new RateLimits(true,
            new RateLimits.Limit(3, Duration.ofMinutes(1)), new RateLimits.Limit(2, Duration.ofMinutes(1)),
            new RateLimits.Limit(4, Duration.ofMinutes(1)), 1000), PUBLIC, new ProblemWriter(JsonMapper.builder().build()));

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anAddressPastItsLimitOnThePublicPathsIsAnswered429ProblemWithRetryAfterWhileAnotherAddressIsNot() throws Exception {
        assertThat(send("/api/v1/auth/login", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(send("/api/v1/auth/register", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(send("/api/v1/auth/login", "10.0.0.1").getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = send("/api/v1/auth/login", "10.0.0.1");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("Too many requests");
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(send("/api/v1/auth/login", "10.0.0.2").getStatus()).isEqualTo(200);
    }

    @Test
    void everyCountedAnswerSaysTheLimitWhatIsLeftAndWhenTheWindowEnds() throws Exception {
        MockHttpServletResponse first = send("/api/v1/auth/login", "10.0.0.9");
        send("/api/v1/auth/login", "10.0.0.9");
        MockHttpServletResponse last = send("/api/v1/auth/login", "10.0.0.9");
        MockHttpServletResponse refused = send("/api/v1/auth/login", "10.0.0.9");

        assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("3");
        assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo("2");
        assertThat(Long.parseLong(first.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
        assertThat(last.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
    }

    @Test
    void forwardedForIsNotBelievedSoItCannotBuyAFreshLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("/api/v1/auth/login", "10.0.0.3");
        }
        MockHttpServletRequest spoofed = request("/api/v1/auth/login", "10.0.0.3");
        spoofed.addHeader("X-Forwarded-For", "192.0.2.77");

        assertThat(run(spoofed).getStatus()).isEqualTo(429);
    }

    @Test
    void aUserIsLimitedPerSubjectWhateverAddressTheyComeFromAndServicesHaveTheirOwnLimit() throws Exception {
        authenticate("user-a", PrincipalKind.USER);
        assertThat(send("/api/v1/tenants", "10.0.1.1").getStatus()).isEqualTo(200);
        assertThat(send("/api/v1/tenants", "10.0.1.2").getStatus()).isEqualTo(200);
        assertThat(send("/api/v1/tenants", "10.0.1.3").getStatus()).isEqualTo(429);

        authenticate("user-b", PrincipalKind.USER);
        assertThat(send("/api/v1/tenants", "10.0.1.1").getStatus()).isEqualTo(200);

        authenticate("bakery-platform", PrincipalKind.SERVICE);
        for (int i = 0; i < 4; i++) {
            assertThat(send("/api/v1/users/x", "10.0.1.1").getStatus()).as("service request %d", i).isEqualTo(200);
        }
        assertThat(send("/api/v1/users/x", "10.0.1.1").getStatus()).isEqualTo(429);
    }

    @Test
    void requestsWithoutATokenToOtherPathsAreLeftToSecurity() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(send("/api/v1/tenants", "10.0.2.1").getStatus()).isEqualTo(200);
        }
    }

    private MockHttpServletResponse send(String path, String address) throws Exception {
        return run(request(path, address));
    }

    private static MockHttpServletRequest request(String path, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(address);
        return request;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    /** As the platform's security chain leaves a verified token: its kind claim and the role it gives. */
    private static void authenticate(String subject, PrincipalKind kind) {
        Jwt jwt = new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
                Map.of("sub", subject, JwtTokens.KIND_CLAIM, kind.claim()));
        SecurityContextHolder.getContext().setAuthentication(
                new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(kind.authority())), subject));
    }
}
