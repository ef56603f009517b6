package com.bakeryia.launcher;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.SharedTestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The default: every target in one process on one port, against a real PostgreSQL. */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class AllTargetsStartupTest {

    /** Every target's name: each is a service of its own with a health component and a schema. */
    static final List<String> ALL_SERVICES = java.util.Arrays.stream(Target.values()).map(Target::targetName).toList();

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void everyServiceReportsItsOwnHealthComponentUp() {
        ApiClient.Response health = ApiClient.onPort(port).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        for (String service : ALL_SERVICES) {
            assertThat(health.json().path("components").path(service).path("status").asText())
                    .as("health of %s", service).isEqualTo("UP");
        }
    }

    @Test
    void healthShowsDetailsOnlyToServices() {
        ApiClient api = ApiClient.onPort(port);

        var anonymous = api.get("/actuator/health", null).json().path("components").path("orders");
        var service = api.get("/actuator/health", tokens.issueServiceToken("ops").value()).json().path("components").path("orders");
        String userToken = TenantFixture.register(api, "health", UUID.randomUUID().toString().substring(0, 8)).accessToken();
        ApiClient.Response asUser = api.get("/actuator/health", userToken);
        assertThat(asUser.status()).isEqualTo(200);
        var user = asUser.json().path("components").path("orders");

        assertThat(anonymous.has("details")).isFalse();
        assertThat(user.has("details")).isFalse();
        assertThat(service.path("details").path("schema").asText()).isEqualTo("orders");
        assertThat(service.path("details").path("migration_version").asText()).isNotEqualTo("none");
    }

    @Test
    void eachServiceOwnsASchemaWithItsFirstMigrationApplied() {
        DataSource database = SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE);
        JdbcTemplate jdbc = new JdbcTemplate(database);
        for (String service : ALL_SERVICES) {
            String schema = service.equals("deletion-orchestrator") ? "deletion" : service.replace('-', '_');
            Integer applied = jdbc.queryForObject("select count(*) from " + schema
                    + ".flyway_schema_history where version = '1' and success", Integer.class);
            assertThat(applied).as("V1 applied in schema %s", schema).isEqualTo(1);
        }
    }

    @Test
    void metricsAreServedToServicesAndApiDocsToAnyone() {
        ApiClient api = ApiClient.onPort(port);

        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        var metrics = api.get("/actuator/prometheus", tokens.issueServiceToken("ops").value());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("hikaricp_connections_max{pool=\"bakery-shared\"}");

        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asText()).startsWith("3.");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesItsOwnRequestId() {
        ApiClient api = ApiClient.onPort(port);

        var first = api.get("/actuator/health", null);
        var second = api.get("/api/v1/orders/info", null);

        assertThat(first.header("X-Request-Id")).singleElement().asString().hasSizeGreaterThan(10);
        assertThat(second.header("X-Request-Id")).singleElement().asString().isNotEqualTo(first.header("X-Request-Id").get(0));
    }
}
