package com.bakeryia.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.remote.ServiceTokenSource;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.PrincipalKind;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Only auth can sign": an identity process (auth, tenant) and a data process (orders), each with
 * its own data directory, started at the same moment from two threads on a fresh key path. The
 * data process holds no signing key, writes no key file, and verifies tokens with the key set the
 * identity process publishes, fetched when the first token arrives.
 */
class OnlyAuthSignsTest {

    private static final String KEY_FILE = "keys/jwt-signing-key.json";
    private static final String KEY_ENCRYPTION_KEY_FILE = "keys/key-encryption-key";

    @TempDir
    static Path identityDataDir;

    @TempDir
    static Path ordersDataDir;

    private static ConfigurableApplicationContext identity;
    private static ConfigurableApplicationContext orders;

    @BeforeAll
    static void startBothAtOnce() throws Exception {
        int identityPort = freePort();
        int ordersPort = freePort();
        // Separate data directories, so the shared platform client secret is configured, not generated.
        String platformSecret = UUID.randomUUID().toString();
        Map<String, Object> identityProperties = Map.of(
                "bakery.targets", "auth,tenant",
                "server.port", String.valueOf(identityPort),
                "bakery.data-dir", identityDataDir.toString(),
                "bakery.db.url", SharedTestPostgres.jdbcUrl("keys_identity"),
                "bakery.service-client.secret", platformSecret,
                "bakery.services.orders.url", "http://127.0.0.1:" + ordersPort);
        Map<String, Object> ordersProperties = Map.of(
                "bakery.targets", "orders",
                "server.port", String.valueOf(ordersPort),
                "bakery.data-dir", ordersDataDir.toString(),
                "bakery.db.url", SharedTestPostgres.jdbcUrl("keys_orders"),
                "bakery.service-client.secret", platformSecret,
                "bakery.services.auth.url", "http://127.0.0.1:" + identityPort,
                "bakery.services.tenant.url", "http://127.0.0.1:" + identityPort);

        ExecutorService starters = Executors.newFixedThreadPool(2);
        // Logback is one per JVM: two applications configuring it at the same instant race inside it
        // (separate processes never share it). Logging stays as configured while the two start.
        String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            var together = new CyclicBarrier(2);
            Future<ConfigurableApplicationContext> startingIdentity = starters.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return start(identityProperties);
            });
            Future<ConfigurableApplicationContext> startingOrders = starters.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return start(ordersProperties);
            });
            identity = startingIdentity.get(3, TimeUnit.MINUTES);
            orders = startingOrders.get(3, TimeUnit.MINUTES);
        } finally {
            starters.shutdown();
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
    }

    @AfterAll
    static void stopBoth() {
        if (orders != null) {
            orders.close();
        }
        if (identity != null) {
            identity.close();
        }
    }

    @Test
    void theDataProcessHoldsNoSigningKeyAndNeverCreatesTheKeyFile() {
        assertThat(orders.getBeanProvider(JwtTokens.class).getIfAvailable()).isNull();
        assertThat(orders.getBeanProvider(JwtSigningKey.class).getIfAvailable()).isNull();
        assertThat(orders.containsBean("authSigningKeys")).isFalse();
        assertThat(Files.exists(ordersDataDir.resolve(KEY_FILE))).isFalse();
        assertThat(Files.exists(ordersDataDir.resolve(KEY_ENCRYPTION_KEY_FILE))).isFalse();

        // The identity process keeps its keys in auth.signing_keys, sealed under a key-encryption key
        // generated into its data directory (none is configured here).
        assertThat(identity.getBeanProvider(JwtTokens.class).getIfAvailable()).isNotNull();
        assertThat(Files.exists(identityDataDir.resolve(KEY_FILE))).isFalse();
        assertThat(Files.exists(identityDataDir.resolve(KEY_ENCRYPTION_KEY_FILE))).isTrue();
    }

    @Test
    void theDataProcessAcceptsTokensTheIdentityProcessMints() {
        JwtTokens identityTokens = identity.getBean(JwtTokens.class);

        var asService = ApiClient.onPort(port(orders)).get("/api/v1/orders/info", identityTokens.issueServiceToken("ops").value());

        assertThat(asService.status()).as(asService.toString()).isEqualTo(200);
        assertThat(asService.json().path("schema").asString()).isEqualTo("orders");
    }

    @Test
    void theDataProcessRefusesATokenSignedByAKeyAuthDoesNotPublish() {
        SecurityProperties security = orders.getBean(SecurityProperties.class);
        String forged = JwtTokens.sign(JwtSigningKey.generate(), security.issuer(), PrincipalKind.SERVICE, "ops",
                java.time.Instant.now(), Duration.ofMinutes(5)).value();

        var response = ApiClient.onPort(port(orders)).get("/api/v1/orders/info", forged);

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void theProcessesStartedTogetherAgreeAndCallEachOther() {
        JsonNode tenantInfo = orders.getBean(RemoteServices.class).client("tenant", Duration.ofSeconds(10)).get()
                .uri("/api/v1/tenant/info").retrieve().body(JsonNode.class);
        JsonNode ordersInfo = identity.getBean(RemoteServices.class).client("orders", Duration.ofSeconds(10)).get()
                .uri("/api/v1/orders/info").retrieve().body(JsonNode.class);

        assertThat(tenantInfo.path("schema").asString()).isEqualTo("tenant");
        assertThat(ordersInfo.path("schema").asString()).isEqualTo("orders");
        // The data process got its service token by exchanging credentials; the identity process minted its own.
        assertThat(orders.getBean(ServiceTokenSource.class).getClass().getSimpleName()).isEqualTo("CredentialExchangeTokenSource");
        assertThat(identity.getBean(ServiceTokenSource.class).getClass().getSimpleName())
                .isNotEqualTo("CredentialExchangeTokenSource");
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("bakery.db.username", SharedTestPostgres.username());
        // As arguments, not builder properties: those rank below the platform's own defaults.
        return new SpringApplicationBuilder(BakeryPlatformApplication.class).run(all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
