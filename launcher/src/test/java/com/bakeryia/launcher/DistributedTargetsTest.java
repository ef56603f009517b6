package com.bakeryia.launcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.SharedTestPostgresContextCustomizerFactory;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two launcher instances with different targets and different databases: "identity" runs auth and
 * tenant on database dist_identity; "bakery" runs orders on database dist_bakery and inventory on
 * its own database dist_inventory, and reaches the other instance over HTTP at the configured URL.
 */
class DistributedTargetsTest {

    private static ConfigurableApplicationContext identity;
    private static ConfigurableApplicationContext bakery;

    @BeforeAll
    static void startTwoInstances() {
        identity = start(Map.of(
                "targets", "auth,tenant",
                "bakery.db.url", SharedTestPostgres.jdbcUrl("dist_identity")));
        bakery = start(Map.of(
                "bakery.targets", "orders,inventory",
                "bakery.db.url", SharedTestPostgres.jdbcUrl("dist_bakery"),
                "bakery.services.inventory.db.url", SharedTestPostgres.jdbcUrl("dist_inventory"),
                "bakery.services.inventory.db.username", SharedTestPostgres.username(),
                "bakery.services.auth.url", "http://127.0.0.1:" + port(identity),
                "bakery.services.tenant.url", "http://127.0.0.1:" + port(identity)));
    }

    @AfterAll
    static void stopBoth() {
        if (bakery != null) {
            bakery.close();
        }
        if (identity != null) {
            identity.close();
        }
    }

    @Test
    void eachInstanceReportsHealthOnlyForItsOwnServices() {
        JsonNode identityHealth = ApiClient.onPort(port(identity)).get("/actuator/health", null).json().path("components");
        JsonNode bakeryHealth = ApiClient.onPort(port(bakery)).get("/actuator/health", null).json().path("components");

        assertThat(serviceComponents(identityHealth)).containsExactlyInAnyOrder("auth", "tenant");
        assertThat(serviceComponents(bakeryHealth)).containsExactlyInAnyOrder("orders", "inventory");
    }

    @Test
    void eachServiceSchemaLivesInItsOwnDatabase() {
        assertThat(schemas("dist_identity")).contains("auth", "tenant").doesNotContain("orders", "inventory");
        assertThat(schemas("dist_bakery")).contains("orders").doesNotContain("inventory", "auth", "tenant");
        assertThat(schemas("dist_inventory")).contains("inventory").doesNotContain("orders", "auth", "tenant");
    }

    @Test
    void anInstanceAnswersOnlyForItsOwnServices() {
        // Minted where auth runs: the bakery instance holds no signing key and verifies with auth's published keys.
        String token = identity.getBean(com.bakeryia.platform.security.JwtTokens.class).issueServiceToken("ops").value();

        assertThat(ApiClient.onPort(port(identity)).get("/api/v1/orders/info", token).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port(bakery)).get("/api/v1/tenant/info", token).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port(bakery)).get("/api/v1/inventory/info", token).json().path("database").asText())
                .endsWith("/dist_inventory");
    }

    @Test
    void oneInstanceReachesTheOtherOverHttpAtTheConfiguredUrl() {
        RemoteServices remote = bakery.getBean(RemoteServices.class);

        JsonNode tenantInfo = remote.client("tenant", Duration.ofSeconds(5)).get()
                .uri("/api/v1/tenant/info").retrieve().body(JsonNode.class);

        assertThat(remote.isLocal("tenant")).isFalse();
        assertThat(remote.isLocal("orders")).isTrue();
        assertThat(tenantInfo.path("schema").asText()).isEqualTo("tenant");
        assertThat(tenantInfo.path("database").asText()).endsWith("/dist_identity");
    }

    /**
     * The lockout reaches every process at once: the bakery instance asks auth (over HTTP) about the
     * account on every user request, so the moment auth marks it, the same unexpired token is refused
     * there too; a cancelled deletion lets it act again.
     */
    @Test
    void anAccountLockedOutInAuthIsRefusedAtOnceByAnotherProcess() {
        ApiClient identityApi = ApiClient.onPort(port(identity));
        ApiClient bakeryApi = ApiClient.onPort(port(bakery));
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        TenantFixture.Member owner = TenantFixture.register(identityApi, "lockout", run);
        java.util.UUID tenantId = TenantFixture.createTenant(identityApi, owner, "Lockout " + run);
        String customers = "/api/v1/tenants/" + tenantId + "/customers";
        assertThat(bakeryApi.post(customers, owner.accessToken(), Map.of("name", "Before")).status()).isEqualTo(201);
        String service = identity.getBean(com.bakeryia.platform.security.JwtTokens.class).issueServiceToken("ops").value();
        String status = "/api/v1/users/" + owner.userId() + "/status";

        ApiClient.Response locked = identityApi.put(status, service,
                Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", "2027-01-01T00:00:00Z"));

        assertThat(locked.status()).as(locked.toString()).isEqualTo(200);
        ApiClient.Response refused = bakeryApi.get(customers, owner.accessToken());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("detail").asText()).contains("scheduled for deletion at 2027-01-01T00:00:00Z");
        assertThat(bakeryApi.post(customers, owner.accessToken(), Map.of("name", "During")).status()).isEqualTo(401);

        assertThat(identityApi.put(status, service, Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        ApiClient.Response again = bakeryApi.get(customers, owner.accessToken());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("items")).hasSize(1);
    }

    /**
     * A process without auth reads the platform roles over HTTP with the account on every request
     * ({@code RemoteUserDirectory}, no cache), so a grant or a revocation in auth counts there at once.
     * (ThreeProcessDeletionIT shows an operator acting in the orchestrator's own process.)
     */
    @Test
    void anotherProcessSeesAnOperatorGrantedAndRevokedInAuthAtOnce() {
        ApiClient identityApi = ApiClient.onPort(port(identity));
        TenantFixture.Member person = TenantFixture.register(identityApi, "remote-operator",
                java.util.UUID.randomUUID().toString().substring(0, 8));
        String service = identity.getBean(com.bakeryia.platform.security.JwtTokens.class).issueServiceToken("ops").value();
        UserDirectory remote = bakery.getBean(UserDirectory.class);
        assertThat(remote).isInstanceOf(com.bakeryia.platform.identity.RemoteUserDirectory.class);
        assertThat(remote.account(person.userId()).orElseThrow().platformRoles()).isEmpty();

        assertThat(identityApi.put("/api/v1/users/" + person.userId() + "/platform-roles", service,
                Map.of("platform_roles", List.of("OPERATOR"))).status()).isEqualTo(200);
        assertThat(remote.account(person.userId()).orElseThrow().holds(PlatformRole.OPERATOR)).isTrue();

        assertThat(identityApi.put("/api/v1/users/" + person.userId() + "/platform-roles", service,
                Map.of("platform_roles", List.of())).status()).isEqualTo(200);
        assertThat(remote.account(person.userId()).orElseThrow().platformRoles()).isEmpty();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.port", "0");
        all.put("bakery.db.username", SharedTestPostgres.username());
        all.put("bakery.data-dir", SharedTestPostgresContextCustomizerFactory.dataDir().toString());
        // As arguments, not builder properties: those rank below the platform's own defaults.
        return new SpringApplicationBuilder(BakeryPlatformApplication.class).run(all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static List<String> serviceComponents(JsonNode components) {
        return components.propertyNames().stream()
                .filter(AllTargetsStartupTest.ALL_SERVICES::contains)
                .toList();
    }

    private static List<String> schemas(String database) {
        return new JdbcTemplate(SharedTestPostgres.dataSource(database))
                .queryForList("select schema_name from information_schema.schemata", String.class);
    }
}
