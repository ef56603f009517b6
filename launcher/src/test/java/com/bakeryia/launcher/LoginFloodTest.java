package com.bakeryia.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of bad logins does not starve the other services: 400 logins for 400 different addresses,
 * 40 at a time, over loopback with the production BCrypt cost and the rate limits off (so every one
 * reaches the password check), while a member reads their tenant every 50 ms. The member gets no
 * 5xx and their p99 latency stays within a bound of the idle p99; the flood's own requests are
 * answered 401 or, when no password-check permit frees in time, 503 with Retry-After.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "bakery.rate-limits.enabled=false",
        "bakery.auth.bcrypt-strength=10"})
@DirtiesContext
class LoginFloodTest {

    private static final int FLOOD_LOGINS = 400;
    private static final int FLOOD_CONCURRENCY = 40;
    private static final Duration READ_PACING = Duration.ofMillis(50);
    private static final int IDLE_READS = 100;
    /** Generous, so two busy cores shared with other builds do not make it flaky. */
    private static final double MAX_P99_RATIO = 10;
    /** Idle p99 below this is taken as this, so a very fast idle run does not turn noise into a ratio. */
    private static final double MIN_IDLE_P99_MS = 5;

    @LocalServerPort
    int port;

    @Test
    void aMembersReadsKeepAnsweringWithBoundedLatencyWhileBadLoginsFloodAuth() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String read = "/api/v1/tenants/" + fixture.tenantId();
        String token = fixture.member().accessToken();
        Reader reader = new Reader(api, read, token);
        reader.readUntil(counted(20)); // warm up: JIT, connections, the membership cache
        reader.clear();

        reader.readUntil(counted(IDLE_READS));
        List<Long> idle = reader.latenciesNanos();
        assertThat(reader.statuses()).containsOnly(200);
        reader.clear();

        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, Integer> floodStatuses = new ConcurrentHashMap<>();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOOD_CONCURRENCY);
        long floodStarted = System.nanoTime();
        List<CompletableFuture<Void>> logins = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD_LOGINS; i++) {
                String email = "flood-" + run + "-" + i + "@bakery.test";
                logins.add(CompletableFuture.runAsync(() -> floodStatuses.merge(
                        api.post("/api/v1/auth/login", null, Map.of("email", email, "password", "wrong-password-1")).status(),
                        1, Integer::sum), flooders));
            }
            CompletableFuture<Void> flood = CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            reader.readUntil(() -> flood.isDone() || System.nanoTime() > deadline);
            flood.get(10, TimeUnit.SECONDS);
        } finally {
            flooders.shutdownNow();
        }
        long floodMillis = (System.nanoTime() - floodStarted) / 1_000_000;
        List<Long> during = reader.latenciesNanos();

        double idleP99 = p99Millis(idle);
        double floodP99 = p99Millis(during);
        double ratio = floodP99 / Math.max(idleP99, MIN_IDLE_P99_MS);
        System.out.printf("Login flood: %d logins, %d at a time, in %d ms, answered %s; member reads idle p99 %.1f ms"
                        + " (max %.1f), during the flood p99 %.1f ms (max %.1f) over %d reads: ratio %.2f%n",
                FLOOD_LOGINS, FLOOD_CONCURRENCY, floodMillis, new java.util.TreeMap<>(floodStatuses), idleP99,
                maxMillis(idle), floodP99, maxMillis(during), during.size(), ratio);

        assertThat(reader.statuses()).as("the member's reads during the flood").containsOnly(200);
        assertThat(during).as("reads during the flood").hasSizeGreaterThan(5);
        assertThat(floodStatuses.keySet()).as("the flood's answers").isSubsetOf(401, 503);
        assertThat(floodStatuses.getOrDefault(401, 0)).as("logins that reached the password check").isPositive();
        assertThat(ratio).as("member p99 during the flood / idle p99").isLessThan(MAX_P99_RATIO);
    }

    private BooleanSupplier counted(int reads) {
        int[] left = {reads};
        return () -> left[0]-- <= 0;
    }

    private static double p99Millis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(0.99 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    private static double maxMillis(List<Long> nanos) {
        return Collections.max(nanos) / 1_000_000.0;
    }

    /** Reads the member's tenant at a fixed pace, recording each answer's status and latency. */
    private static final class Reader {

        private final ApiClient api;
        private final String path;
        private final String token;
        private final List<Long> latencies = new ArrayList<>();
        private final List<Integer> statuses = new ArrayList<>();

        Reader(ApiClient api, String path, String token) {
            this.api = api;
            this.path = path;
            this.token = token;
        }

        void readUntil(BooleanSupplier done) {
            while (!done.getAsBoolean()) {
                long sent = System.nanoTime();
                int status = api.get(path, token).status();
                latencies.add(System.nanoTime() - sent);
                statuses.add(status);
                LockSupport.parkNanos(READ_PACING.toNanos());
            }
        }

        void clear() {
            latencies.clear();
            statuses.clear();
        }

        List<Long> latenciesNanos() {
            return List.copyOf(latencies);
        }

        List<Integer> statuses() {
            return List.copyOf(statuses);
        }
    }
}
