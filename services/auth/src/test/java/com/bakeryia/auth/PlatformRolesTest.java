package com.bakeryia.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform role OPERATOR over real HTTP: a service grants and revokes it
 * ({@code PUT /api/v1/users/{user_id}/platform-roles}), {@code bakery.auth.operators} gives it by
 * address for as long as it names them (this module's test configuration names two, in mixed case),
 * and the account as every other service reads it says so from the next request on. Tokens carry no role.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class PlatformRolesTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    UserDirectory directory;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("auth")
    com.bakeryia.platform.data.ServiceDatabase db;

    @Test
    void aServiceGrantsAndRevokesTheRoleAndTheSameTokenSeesEachChangeOnItsNextRequest() {
        Member person = register("support");
        assertThat(roles(api().get("/api/v1/users/me", person.accessToken()))).isEmpty();

        ApiClient.Response granted = grant(person.userId(), List.of("OPERATOR"));

        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(roles(granted)).containsExactly("OPERATOR");
        assertThat(roles(api().get("/api/v1/users/me", person.accessToken()))).containsExactly("OPERATOR");
        assertThat(roles(api().get("/api/v1/users/" + person.userId(), service()))).containsExactly("OPERATOR");
        assertThat(directory.account(person.userId()).orElseThrow().holds(PlatformRole.OPERATOR)).isTrue();

        ApiClient.Response revoked = grant(person.userId(), List.of());

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(roles(revoked)).isEmpty();
        assertThat(roles(api().get("/api/v1/users/me", person.accessToken()))).isEmpty();
        assertThat(directory.account(person.userId()).orElseThrow().platformRoles()).isEmpty();
    }

    @Test
    void anAddressNamedInBakeryAuthOperatorsIsAnOperatorInAnyCaseAndAServiceCannotTakeThatAway() {
        Member configured = registerOrLogIn("configured.operator@bakery.test");
        Member other = register("not-configured");

        assertThat(roles(api().get("/api/v1/users/me", configured.accessToken()))).containsExactly("OPERATOR");
        assertThat(roles(api().get("/api/v1/users/me", other.accessToken()))).isEmpty();
        ApiClient.Response revoked = grant(configured.userId(), List.of());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(roles(revoked)).as("the setting still names the address").containsExactly("OPERATOR");
        assertThat(directory.account(configured.userId()).orElseThrow().holds(PlatformRole.OPERATOR)).isTrue();
        assertThat(claims(configured.accessToken()).propertyNames()).as("the token carries no role")
                .containsExactlyInAnyOrder("iss", "sub", "kind", "iat", "exp", "jti")
                .doesNotContain("platform_roles", "roles");
    }

    @Test
    void aRoleIsGrantedOnlyToAnActiveAccountButARevocationAlwaysGoesThrough() {
        Member person = register("leaving");
        assertThat(grant(person.userId(), List.of("OPERATOR")).status()).isEqualTo(200);
        assertThat(api().put("/api/v1/users/" + person.userId() + "/status", service(),
                Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", "2027-01-01T00:00:00Z")).status())
                .isEqualTo(200);

        ApiClient.Response revoked = grant(person.userId(), List.of());
        ApiClient.Response regranted = grant(person.userId(), List.of("OPERATOR"));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(roles(revoked)).isEmpty();
        assertThat(regranted.status()).as(regranted.toString()).isEqualTo(409);
        assertThat(regranted.isProblem()).isTrue();
        assertThat(regranted.json().path("status").asText()).isEqualTo("PENDING_DELETION");
        assertThat(regranted.json().path("detail").asText()).contains("ACTIVE");
        assertThat(directory.account(person.userId()).orElseThrow().platformRoles()).isEmpty();
    }

    @Test
    void badRequestsAreProblemsThatSayWhatWasWrong() {
        Member person = register("bad-input");
        String path = "/api/v1/users/" + person.userId() + "/platform-roles";

        ApiClient.Response unknownRole = api().put(path, service(), Map.of("platform_roles", List.of("ROOT")));
        ApiClient.Response missing = api().put(path, service(), Map.of());
        ApiClient.Response notAList = api().put(path, service(), Map.of("platform_roles", "OPERATOR"));
        ApiClient.Response unknownUser = grant(UUID.randomUUID(), List.of("OPERATOR"));
        ApiClient.Response badId = api().put("/api/v1/users/42/platform-roles", service(),
                Map.of("platform_roles", List.of("OPERATOR")));

        for (ApiClient.Response bad : List.of(unknownRole, missing, notAList, badId)) {
            assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
        }
        assertThat(unknownRole.json().path("detail").asText()).contains("platform_roles").contains("ROOT");
        assertThat(missing.json().path("detail").asText()).contains("platform_roles");
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.isProblem()).isTrue();
        assertThat(directory.account(person.userId()).orElseThrow().platformRoles()).isEmpty();
    }

    @Test
    void onlyServicesGrantRolesNotTheOperatorsThemselves() {
        Member person = register("self-promoting");
        Member operator = TenantFixture.registerOperator(api(), service());
        String path = "/api/v1/users/" + person.userId() + "/platform-roles";
        Map<String, Object> body = Map.of("platform_roles", List.of("OPERATOR"));

        assertThat(api().put(path, person.accessToken(), body).status()).isEqualTo(403);
        assertThat(api().put(path, operator.accessToken(), body).status()).isEqualTo(403);
        assertThat(api().put(path, null, body).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/users/" + person.userId(), operator.accessToken()).status())
                .as("an operator reads deletion records, not accounts").isEqualTo(403);
        assertThat(directory.account(person.userId()).orElseThrow().platformRoles()).isEmpty();
    }

    /** The role lives on the account's row: the erasure's FINAL step deletes it with the account. */
    @Test
    void erasingTheAccountErasesItsRoles() {
        Member operator = TenantFixture.registerOperator(api(), service());

        ApiClient.Response erased = api().delete("/api/v1/auth/user/" + operator.userId(), service());

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(directory.account(operator.userId())).isEmpty();
        assertThat(api().get("/api/v1/users/me", operator.accessToken()).status()).isEqualTo(401);
    }

    private static List<String> roles(ApiClient.Response account) {
        JsonNode roles = account.json().path("platform_roles");
        assertThat(roles.isArray()).as("platform_roles in %s", account).isTrue();
        return roles.valueStream().map(JsonNode::asText).toList();
    }

    private static JsonNode claims(String jwt) {
        byte[] payload = java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload);
    }

    private ApiClient.Response grant(UUID userId, List<String> roles) {
        return api().put("/api/v1/users/" + userId + "/platform-roles", service(), Map.of("platform_roles", roles));
    }

    private Member register(String role) {
        return TenantFixture.register(api(), role, UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The configured address can be registered once per database; a second run of the test logs in.
     * Its owner has verified it (here written as following the mailed link does; VerifiedAddressesTest
     * follows real links): a configured address gives nothing before.
     */
    private Member registerOrLogIn(String email) {
        api().post("/api/v1/auth/register", null, Map.of("email", email, "password", TenantFixture.PASSWORD,
                "full_name", "Configured Operator"));
        db.jdbc().update("update auth.users set email_verified_at = now() where email = ? and email_verified_at is null", email);
        ApiClient.Response login = api().post("/api/v1/auth/login", null,
                Map.of("email", email, "password", TenantFixture.PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().path("access_token").asText();
        UUID id = UUID.fromString(api().get("/api/v1/users/me", token).json().path("id").asText());
        return new Member(id, email, token, login.json().path("refresh_token").asText());
    }

    private String service() {
        return tokens.issueServiceToken("ops").value();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }
}
