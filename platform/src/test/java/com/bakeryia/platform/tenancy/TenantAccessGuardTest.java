package com.bakeryia.platform.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The isolation rules, with an in-memory directory standing in for the tenant service's answers. */
class TenantAccessGuardTest {

    private final UUID tenant = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID viewer = UUID.randomUUID();
    private final UUID outsider = UUID.randomUUID();
    private final DirectoryOfRecords directory = new DirectoryOfRecords();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final TenantAccessGuard guard = new TenantAccessGuard(directory, clock, Duration.ofSeconds(2));

    TenantAccessGuardTest() {
        directory.status.put(tenant, TenantStatus.ACTIVE);
        directory.roles.put(owner, TenantRole.OWNER);
        directory.roles.put(viewer, TenantRole.VIEWER);
    }

    @Test
    void membersMayReadAndWritersWrite() {
        assertThat(guard.requireWrite(tenant, user(owner)).userId()).contains(owner);
        assertThat(guard.requireRead(tenant, user(viewer)).userId()).contains(viewer);
    }

    @Test
    void viewersMayNotWrite() {
        assertThatThrownBy(() -> guard.requireWrite(tenant, user(viewer)))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("VIEWER")
                .extracting(e -> ((ApiProblem) e).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void outsidersMayNotEvenRead() {
        assertThatThrownBy(() -> guard.requireRead(tenant, user(outsider)))
                .isInstanceOf(ApiProblem.class)
                .extracting(e -> ((ApiProblem) e).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void unknownTenantIsNotFound() {
        assertThatThrownBy(() -> guard.requireRead(UUID.randomUUID(), service()))
                .isInstanceOf(ApiProblem.class)
                .extracting(e -> ((ApiProblem) e).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aTenantBeingDeletedRefusesWritesFromEveryoneAndMembersAltogether() {
        directory.status.put(tenant, TenantStatus.DELETING);

        assertThat(guard.requireRead(tenant, service()).isService()).isTrue();
        assertThatThrownBy(() -> guard.requireWrite(tenant, service()))
                .extracting(e -> ((ApiProblem) e).getStatusCode().value()).isEqualTo(409);
        assertThatThrownBy(() -> guard.requireRead(tenant, user(owner)))
                .extracting(e -> ((ApiProblem) e).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void answersAreReusedWithinTheCacheLifetimeOnly() {
        guard.requireRead(tenant, user(owner));
        guard.requireRead(tenant, user(owner));
        assertThat(directory.lookups).hasValue(1);

        clock.advance(Duration.ofSeconds(3));
        guard.requireRead(tenant, user(owner));
        assertThat(directory.lookups).hasValue(2);

        guard.evict(tenant);
        guard.requireRead(tenant, user(owner));
        assertThat(directory.lookups).hasValue(3);
    }

    private static JwtAuthenticationToken user(UUID userId) {
        return token(PrincipalKind.USER, userId.toString());
    }

    private static JwtAuthenticationToken service() {
        return token(PrincipalKind.SERVICE, "orders");
    }

    private static JwtAuthenticationToken token(PrincipalKind kind, String subject) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject)
                .claim(JwtTokens.KIND_CLAIM, kind.claim()).build();
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(kind.authority())));
    }

    /** Tenant records and memberships held in maps, counting lookups. */
    private final class DirectoryOfRecords implements TenantDirectory {

        final Map<UUID, TenantStatus> status = new HashMap<>();
        final Map<UUID, TenantRole> roles = new HashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<TenantAccess> access(UUID tenantId, UUID userId) {
            lookups.incrementAndGet();
            return Optional.ofNullable(status.get(tenantId))
                    .map(current -> new TenantAccess(tenantId, current, roles.get(userId)));
        }

        @Override
        public List<UUID> memberIds(UUID tenantId) {
            return List.copyOf(roles.keySet());
        }
    }

    /**
     * A clock that tests move by hand. Every other module uses test-support's SettableClock; the
     * platform cannot, because test-support depends on the platform (a cycle in any scope).
     */
    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
