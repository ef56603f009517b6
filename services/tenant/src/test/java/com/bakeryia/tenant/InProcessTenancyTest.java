package com.bakeryia.tenant;

import java.util.List;
import java.util.Map;

import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With tenant and auth in one process, the platform's tenant and user questions are answered
 * in-process, and the tenant access guard of every service forgets a membership or tenant the
 * moment it changes, not when its cache expires.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class InProcessTenancyTest {

    @LocalServerPort
    int port;

    @Autowired
    TenantDirectory directory;

    @Autowired
    UserDirectory users;

    @Autowired
    TenantAccessGuard guard;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    JwtTokens tokens;

    @Test
    void tenantAndUserQuestionsAreAnsweredInProcess() {
        TenantFixture fixture = TenantFixture.create(ApiClient.onPort(port));

        assertThat(directory).isInstanceOf(MembershipDirectory.class);
        assertThat(users.getClass().getSimpleName()).isEqualTo("LocalUserDirectory");
        assertThat(users.exists(fixture.outsider().userId())).isTrue();
        assertThat(directory.memberIds(fixture.tenantId())).first().isEqualTo(fixture.owner().userId());
        assertThat(directory.memberIds(fixture.tenantId())).containsExactlyInAnyOrder(fixture.owner().userId(),
                fixture.admin().userId(), fixture.member().userId(), fixture.viewer().userId());
    }

    @Test
    void aRemovedMemberLosesAccessAtOnce() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        Authentication member = authentication(fixture.member().accessToken());
        guard.requireWrite(fixture.tenantId(), member);

        assertThat(api.delete("/api/v1/tenants/" + fixture.tenantId() + "/members/" + fixture.member().userId(),
                fixture.admin().accessToken()).status()).isEqualTo(204);

        assertThatThrownBy(() -> guard.requireRead(fixture.tenantId(), member))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.getStatusCode().value()).isEqualTo(403));
    }

    @Test
    void aDeletedTenantIsGoneForEveryServiceAtOnce() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        Authentication viewer = authentication(fixture.viewer().accessToken());
        guard.requireRead(fixture.tenantId(), viewer);

        // What the deletion orchestrator does: mark the tenant, and (after the data) remove its record.
        String service = tokens.issueServiceToken("deletion-orchestrator").value();
        assertThat(api.put("/api/v1/tenants/" + fixture.tenantId() + "/status", service, Map.of("status", "DELETING"))
                .status()).isEqualTo(200);

        // At once, without waiting for the cache: DELETING is a 409 for every member.
        assertThatThrownBy(() -> guard.requireRead(fixture.tenantId(), viewer))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(409));
        assertThat(api.delete("/api/v1/tenant/tenant/" + fixture.tenantId(), service).status()).isEqualTo(200);
        assertThatThrownBy(() -> guard.requireRead(fixture.tenantId(), viewer))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(404));
        assertThat(directory.memberIds(fixture.tenantId())).isEmpty();
    }

    private Authentication authentication(String token) {
        return new JwtAuthenticationToken(decoder.decode(token), List.of(new SimpleGrantedAuthority("ROLE_USER")));
    }
}
