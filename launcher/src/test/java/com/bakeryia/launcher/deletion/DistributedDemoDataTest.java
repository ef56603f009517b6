package com.bakeryia.launcher.deletion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtTokens;
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
 * The generator across processes: "front" runs auth, tenant and pos; "back" runs external and
 * training on its own database. One call to front fills the tenant in all three services, the
 * remote ones through their per-service endpoint.
 */
class DistributedDemoDataTest {

    private static ConfigurableApplicationContext front;
    private static ConfigurableApplicationContext back;

    @BeforeAll
    static void startTwoInstances() {
        int frontPort = freePort();
        back = start(Map.of(
                "bakery.targets", "external,training",
                "bakery.db.url", SharedTestPostgres.jdbcUrl("demo_dist_back"),
                "bakery.services.auth.url", "http://127.0.0.1:" + frontPort,
                "bakery.services.tenant.url", "http://127.0.0.1:" + frontPort,
                "server.port", "0"));
        front = start(Map.of(
                "bakery.targets", "auth,tenant,pos",
                "bakery.db.url", SharedTestPostgres.jdbcUrl("demo_dist_front"),
                "bakery.services.external.url", "http://127.0.0.1:" + port(back),
                "bakery.services.training.url", "http://127.0.0.1:" + port(back),
                "server.port", String.valueOf(frontPort)));
    }

    @AfterAll
    static void stopBoth() {
        if (front != null) {
            front.close();
        }
        if (back != null) {
            back.close();
        }
    }

    @Test
    void oneCallFillsLocalAndRemoteServices() {
        ApiClient api = ApiClient.onPort(port(front));
        UUID tenant = TenantFixture.create(api).tenantId();
        String service = front.getBean(JwtTokens.class).issueServiceToken("distributed-demo-test").value();

        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenant + "/demo-data?size=small", service, null);

        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        JsonNode services = filled.json().path("services");
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("pos", "external", "training");
        long externalRows = services.path("external").path("rows").asLong();
        assertThat(externalRows).isPositive();
        assertThat(services.path("training").path("tables").path("training.training_jobs").asLong()).isPositive();
        assertThat(rowsOf("demo_dist_back", "external.external_data_cache", tenant)
                + rowsOf("demo_dist_back", "external.api_key_usage", tenant)).isEqualTo(externalRows);
        assertThat(rowsOf("demo_dist_front", "pos.pos_transactions", tenant)).isPositive();
    }

    private static long rowsOf(String database, String table, UUID tenant) {
        return new JdbcTemplate(SharedTestPostgres.dataSource(database))
                .queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("bakery.db.username", SharedTestPostgres.username());
        all.put("bakery.data-dir", SharedTestPostgresContextCustomizerFactory.dataDir().toString());
        return new SpringApplicationBuilder(BakeryPlatformApplication.class).run(all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
