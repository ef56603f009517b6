package com.bakeryia.platform.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ProblemWriter;
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

/**
 * Which tokens go on to the endpoint: a service's always, a user's only while the account is
 * ACTIVE, with the platform roles the account holds; every other standing is a 401 that says why,
 * and an auth service that cannot answer a 503.
 * (Over real HTTP, in one and in two processes, the launcher's and auth's tests show the same.)
 */
class ActiveAccountFilterTest {

    private final Accounts accounts = new Accounts();
    private final ActiveAccountFilter filter = new ActiveAccountFilter(accounts, new ProblemWriter(JsonMapper.builder().build()));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anActiveAccountAndAnyServiceGoOn() throws Exception {
        UUID user = UUID.randomUUID();
        accounts.put(user, UserDirectory.AccountStatus.ACTIVE, null);

        assertThat(run(token(PrincipalKind.USER, user.toString())).chain.getRequest()).isNotNull();
        assertThat(run(token(PrincipalKind.SERVICE, "orders")).chain.getRequest()).isNotNull();
    }

    /** The role comes from the account as auth answers it on this request, never from the token. */
    @Test
    void anActiveOperatorActsWithTheRoleOnThisRequestAndOthersWithout() throws Exception {
        UUID operator = UUID.randomUUID();
        UUID plain = UUID.randomUUID();
        accounts.accounts.put(operator, new UserDirectory.Account(operator, UserDirectory.AccountStatus.ACTIVE, null,
                Set.of(PlatformRole.OPERATOR)));
        accounts.put(plain, UserDirectory.AccountStatus.ACTIVE, null);

        assertThat(authoritiesSeenBy(token(PrincipalKind.USER, operator.toString())))
                .containsExactlyInAnyOrder("ROLE_USER", "ROLE_OPERATOR");
        assertThat(CallerPrincipal.of(SecurityContextHolder.getContext().getAuthentication()).isOperator()).isTrue();
        assertThat(authoritiesSeenBy(token(PrincipalKind.USER, plain.toString()))).containsExactly("ROLE_USER");
        assertThat(CallerPrincipal.of(SecurityContextHolder.getContext().getAuthentication()).isOperator()).isFalse();
        assertThat(authoritiesSeenBy(token(PrincipalKind.SERVICE, "orders"))).containsExactly("ROLE_SERVICE");

        accounts.put(operator, UserDirectory.AccountStatus.ACTIVE, null);
        assertThat(authoritiesSeenBy(token(PrincipalKind.USER, operator.toString())))
                .as("revoked in auth: gone on the next request").containsExactly("ROLE_USER");
    }

    @Test
    void anOperatorWhoseAccountIsLockedIsRefusedLikeAnyone() throws Exception {
        UUID operator = UUID.randomUUID();
        accounts.accounts.put(operator, new UserDirectory.Account(operator, UserDirectory.AccountStatus.PENDING_DELETION,
                Instant.parse("2027-01-01T00:00:00Z"), Set.of(PlatformRole.OPERATOR)));

        Outcome outcome = run(token(PrincipalKind.USER, operator.toString()));

        assertThat(outcome.chain.getRequest()).isNull();
        assertThat(outcome.response.getStatus()).isEqualTo(401);
    }

    /** The authorities of the authentication the rest of the chain sees. */
    private List<String> authoritiesSeenBy(JwtAuthenticationToken token) throws Exception {
        Outcome outcome = run(token);
        assertThat(outcome.chain.getRequest()).as("went on").isNotNull();
        return SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .map(org.springframework.security.core.GrantedAuthority::getAuthority).toList();
    }

    @Test
    void everyOtherStandingIsRefusedWithA401ThatSaysWhy() throws Exception {
        UUID pending = UUID.randomUUID();
        UUID deleting = UUID.randomUUID();
        UUID disabled = UUID.randomUUID();
        Instant at = Instant.parse("2027-01-01T00:00:00Z");
        accounts.put(pending, UserDirectory.AccountStatus.PENDING_DELETION, at);
        accounts.put(deleting, UserDirectory.AccountStatus.DELETING, null);
        accounts.put(disabled, UserDirectory.AccountStatus.DISABLED, null);

        Map<String, String> expected = Map.of(
                pending.toString(), "scheduled for deletion at 2027-01-01T00:00:00Z",
                deleting.toString(), "being erased",
                disabled.toString(), "disabled",
                UUID.randomUUID().toString(), "does not exist",
                "not-a-uuid", "not a user id");
        for (var subject : expected.entrySet()) {
            Outcome outcome = run(token(PrincipalKind.USER, subject.getKey()));

            assertThat(outcome.chain.getRequest()).as(subject.getKey()).isNull();
            assertThat(outcome.response.getStatus()).isEqualTo(401);
            assertThat(outcome.response.getContentType()).startsWith("application/problem+json");
            assertThat(outcome.response.getContentAsString()).contains(subject.getValue());
            assertThat(outcome.response.getHeader("WWW-Authenticate")).contains("invalid_token");
            assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        }
    }

    @Test
    void anAuthServiceThatCannotAnswerIsA503NotAPass() throws Exception {
        accounts.unreachable.set(true);

        Outcome outcome = run(token(PrincipalKind.USER, UUID.randomUUID().toString()));

        assertThat(outcome.chain.getRequest()).isNull();
        assertThat(outcome.response.getStatus()).isEqualTo(503);
        assertThat(outcome.response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(outcome.response.getContentAsString()).contains("repeat the request").doesNotContain("Exception");
    }

    private Outcome run(JwtAuthenticationToken authentication) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/users/me"), response, chain);
        return new Outcome(response, chain);
    }

    private record Outcome(MockHttpServletResponse response, MockFilterChain chain) {
    }

    private static JwtAuthenticationToken token(PrincipalKind kind, String subject) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject)
                .claim(JwtTokens.KIND_CLAIM, kind.claim()).build();
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(kind.authority())));
    }

    /** Accounts in a map; lifecycle changes are not this filter's business. */
    private static final class Accounts implements UserDirectory {

        final Map<UUID, Account> accounts = new HashMap<>();
        final AtomicBoolean unreachable = new AtomicBoolean();

        void put(UUID id, AccountStatus status, Instant at) {
            accounts.put(id, new Account(id, status, at));
        }

        @Override
        public Optional<Account> account(UUID userId) {
            if (unreachable.get()) {
                throw new IllegalStateException("I/O error on GET request for auth: Connection refused");
            }
            return Optional.ofNullable(accounts.get(userId));
        }

        @Override
        public boolean scheduleDeletion(UUID userId, Instant deletionAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean markDeleting(UUID userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean restore(UUID userId) {
            throw new UnsupportedOperationException();
        }
    }
}
