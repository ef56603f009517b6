package com.bakeryia.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes that passed a data service's tenant check just before the tenant was marked do not
 * outlive its deletion, across processes. The data services run in a JVM of their own (caching
 * membership answers for {@value #CACHE_TTL}), the orchestrator with auth and tenant in another,
 * with no settle period: the write fence each service's DELETE step puts up first is exact. While
 * owners keep creating customers through the orders API and a large demo-data generation runs, a service starts the tenant's deletion at
 * once; when the job has COMPLETED, no table of any schema holds a row of the tenant, and another
 * tenant written to the same way keeps every row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesDuringDeletionIT {

    /**
     * The data process reuses a membership answer this long (the default is 2 s): longer than a
     * deletion of these tenants takes (about 3 s here), so without the fence, writes admitted from a
     * cached answer would land after the final verification.
     */
    private static final String CACHE_TTL = "5s";
    private static final String SECRET = "writes-during-deletion-" + UUID.randomUUID();
    private static final Map<String, String> DATABASES = Map.of("control", "settle_control", "bakery", "settle_bakery");
    private static final int DOOMED_WRITERS = 3;
    private static final Duration WRITER_DEADLINE = Duration.ofSeconds(60);

    private PlatformProcess control;
    private PlatformProcess bakery;

    @BeforeAll
    void startTheTwoProcessesAtOnce() throws Exception {
        Path jar = Path.of("target", "bakery-platform.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (run in the integration-test phase)").exists();
        Path dataDirs = Files.createTempDirectory("writes-during-deletion");
        int controlPort = PlatformProcess.freePort();
        int bakeryPort = PlatformProcess.freePort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        String bakeryUrl = "http://127.0.0.1:" + bakeryPort;
        List<String> toData = Target.dataServices().stream()
                .map(service -> "--bakery.services." + service + ".url=" + bakeryUrl).toList();
        long started = System.nanoTime();
        control = PlatformProcess.start("settle-control", jar, controlPort, common("control", dataDirs,
                PlatformProcess.concat(List.of("--targets=auth,tenant,deletion-orchestrator"), toData)));
        bakery = PlatformProcess.start("settle-bakery", jar, bakeryPort, common("bakery", dataDirs,
                List.of("--targets=" + String.join(",", Target.dataServices()),
                        "--bakery.services.auth.url=" + controlUrl, "--bakery.services.tenant.url=" + controlUrl,
                        "--bakery.tenancy.cache-ttl=" + CACHE_TTL)));
        for (PlatformProcess process : List.of(control, bakery)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(process::isUp);
        }
        System.out.printf("Two processes up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static List<String> common(String name, Path dataDirs, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bakery.db.url=" + SharedTestPostgres.jdbcUrl(DATABASES.get(name)),
                "--bakery.db.username=" + SharedTestPostgres.username(),
                "--bakery.data-dir=" + dataDirs.resolve(name),
                "--bakery.service-client.secret=" + SECRET,
                // A load test: each writer sends a few dozen writes a second as one user.
                "--bakery.rate-limits.enabled=false",
                "--bakery.deletion.tenant-grace-period=0s",
                "--bakery.orchestrator.poll-interval=200ms",
                // Tenant jobs never wait for it; set to none so nothing but the fence stands between a late write and the end.
                "--bakery.orchestrator.write-settle-period=0s"));
        arguments.addAll(more);
        return arguments;
    }

    @AfterAll
    void stopThem() {
        PlatformProcess.closeAll(control, bakery);
    }

    @Test
    void writesAdmittedAroundTheMarkInAnotherProcessAreGoneWhenTheImmediateDeletionCompletes() throws Exception {
        long testStarted = System.nanoTime();
        OwnedTenant doomed = OwnedTenant.create(control.api());
        OwnedTenant kept = OwnedTenant.create(control.api());
        String service = serviceToken();
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = System.nanoTime() + WRITER_DEADLINE.toNanos();
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < DOOMED_WRITERS; i++) {
            writers.add(new Writer("doomed-" + i, doomed, stop, deadline));
        }
        Writer keptWriter = new Writer("kept", kept, stop, deadline);
        // Threads of its own: each writer and the generation block on HTTP the whole time.
        ExecutorService threads = Executors.newFixedThreadPool(DOOMED_WRITERS + 2);
        try {
            run(doomed, kept, service, stop, writers, keptWriter, threads);
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
        System.out.printf("Test took %d ms%n", (System.nanoTime() - testStarted) / 1_000_000);
    }

    private void run(OwnedTenant doomed, OwnedTenant kept, String service, AtomicBoolean stop, List<Writer> writers,
                     Writer keptWriter, ExecutorService threads) throws Exception {
        long begun = System.nanoTime();
        CompletableFuture<Void> keptWriting = CompletableFuture.runAsync(keptWriter, threads);

        // A generation large enough to be still writing when the tenant is marked: it must stop at its next chunk.
        CompletableFuture<ApiClient.Response> generation = CompletableFuture.supplyAsync(() -> bakery.api()
                .post("/api/v1/tenants/" + doomed.tenantId() + "/demo-data?size=xlarge", service, null), threads);
        await().atMost(Duration.ofSeconds(30)).until(() -> generationHasBegun(doomed.tenantId()) || generation.isDone());
        // The owner's first write fills the data process's cache with ACTIVE just before the mark, so
        // writes keep being admitted from that answer for most of the cache TTL after it.
        List<CompletableFuture<Void>> running = new ArrayList<>(writers.stream()
                .map(writer -> CompletableFuture.runAsync(writer, threads)).toList());
        running.add(keptWriting);
        await().atMost(Duration.ofSeconds(30)).until(() -> writers.stream().allMatch(writer -> writer.created() >= 2));

        long marked = System.nanoTime();
        writers.forEach(writer -> writer.markedAt(marked));
        ApiClient.Response deleted = control.api().delete("/api/v1/tenants/" + doomed.tenantId() + "?immediate=true", service);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        String jobId = deleted.json().path("job_id").asText();
        JsonNode job = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> control.api().get("/api/v1/deletion-jobs/" + jobId, service).json(),
                found -> List.of("COMPLETED", "FAILED").contains(found.path("status").asText()));
        long jobMillis = (System.nanoTime() - marked) / 1_000_000;
        stop.set(true);
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        ApiClient.Response generated = generation.get(60, TimeUnit.SECONDS);

        System.out.printf("Marked %d ms after the writing began; deletion %s %d ms after the mark; doomed writers %s;"
                        + " kept %s; generation %d%n", (marked - begun) / 1_000_000, job.path("status").asText(), jobMillis,
                writers, keptWriter, generated.status());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(writers).as("every writer of the doomed tenant wrote before the mark and was refused after it")
                .allSatisfy(writer -> {
                    assertThat(writer.created()).isPositive();
                    assertThat(writer.refused()).isPositive();
                    assertThat(writer.unexpected()).as(writer.unexpected().toString()).isEmpty();
                });
        assertThat(generated.status()).as(generated.toString()).isIn(200, 409);
        if (generated.status() == 409) {
            assertThat(generated.isProblem()).isTrue();
            assertThat(generated.json().path("detail").asText()).contains("writing stopped");
        }
        for (String database : DATABASES.keySet()) {
            assertThat(rowsByTable(doomed.tenantId(), database)).as("rows of the deleted tenant left in %s", database)
                    .isEmpty();
        }
        assertThat(keptWriter.refused()).isZero();
        assertThat(keptWriter.unexpected()).isEmpty();
        assertThat(rowsByTable(kept.tenantId(), "bakery")).as("the other tenant keeps every customer written")
                .isEqualTo(Map.of("orders.customers", (long) keptWriter.created()));
    }

    /** A tenant with only its OWNER: two users to register (with their password hashing), not five per tenant. */
    private record OwnedTenant(UUID tenantId, TenantFixture.Member owner) {

        static OwnedTenant create(ApiClient api) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            TenantFixture.Member owner = TenantFixture.register(api, "owner", run);
            return new OwnedTenant(TenantFixture.createTenant(api, owner, "Bakery " + run), owner);
        }
    }

    /**
     * Creates customers for a tenant as its OWNER through the orders API of the data process until
     * told to stop or the deadline passes, counting what was created and what was refused (409
     * once the tenant is marked, 404 once its record is gone).
     */
    private final class Writer implements Runnable {

        private final String name;
        private final OwnedTenant tenant;
        private final AtomicBoolean stop;
        private final long deadline;
        private final AtomicInteger created = new AtomicInteger();
        private final AtomicInteger createdAfterMark = new AtomicInteger();
        private volatile long markedAt = Long.MAX_VALUE;
        private final AtomicInteger refused = new AtomicInteger();
        private final Map<Integer, Integer> unexpected = new ConcurrentHashMap<>();

        Writer(String name, OwnedTenant tenant, AtomicBoolean stop, long deadline) {
            this.name = name;
            this.tenant = tenant;
            this.stop = stop;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            ApiClient api = bakery.api();
            for (int n = 0; !stop.get() && System.nanoTime() < deadline; n++) {
                long sent = System.nanoTime();
                int status = api.post("/api/v1/tenants/" + tenant.tenantId() + "/customers", tenant.owner().accessToken(),
                        Map.of("name", name + " customer " + n)).status();
                if (status == 201) {
                    created.incrementAndGet();
                    if (sent > markedAt) {
                        createdAfterMark.incrementAndGet();
                    }
                } else if (status == 409 || status == 404) {
                    refused.incrementAndGet();
                } else {
                    unexpected.merge(status, 1, Integer::sum);
                }
                // A few dozen writes a second per writer: steady pressure that leaves the 2 cores to the deletion.
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }

        /** From now on a created customer was sent after the deletion was asked for (admitted from a cached answer). */
        void markedAt(long nanos) {
            markedAt = nanos;
        }

        int created() {
            return created.get();
        }

        int refused() {
            return refused.get();
        }

        Map<Integer, Integer> unexpected() {
            return Map.copyOf(unexpected);
        }

        @Override
        public String toString() {
            return name + ": " + created + " created (" + createdAfterMark + " sent after the mark), " + refused + " refused" + (unexpected.isEmpty() ? "" : ", " + unexpected);
        }
    }

    private String serviceToken() {
        ApiClient.Response token = control.api().post("/api/v1/auth/service-token", null,
                Map.of("client_id", "bakery-platform", "client_secret", SECRET));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().path("access_token").asText();
    }

    /**
     * Whether the first services the generator fills (in name order, a few at once) hold a row of
     * the tenant: one cheap query, where a catalog count would compete with the COPYs it waits for.
     */
    private static boolean generationHasBegun(UUID tenant) {
        return Boolean.TRUE.equals(new JdbcTemplate(SharedTestPostgres.dataSource(DATABASES.get("bakery"))).queryForObject(
                "select exists (select 1 from alert_processor.alert_rules where tenant_id = ?)"
                        + " or exists (select 1 from external.external_data_cache where tenant_id = ?)",
                Boolean.class, tenant, tenant));
    }

    /**
     * Rows of the tenant per table, in every table with a tenant_id column in the database, read
     * from its catalog; only tables that hold some. The records of deletions that outlive the
     * tenant on purpose (the tenant service's tenant_deletions, the orchestrator's job store) aside.
     */
    private static Map<String, Long> rowsByTable(UUID tenant, String database) {
        JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(DATABASES.get(database)));
        List<String> tables = jdbc.queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'deletion_write_fences'
                  and c.table_name <> 'retained_records' -- what the law keeps outlives the tenant (docs/retention.md)
                  and c.table_schema not in ('pg_catalog', 'information_schema', 'deletion')
                  and (c.table_schema, c.table_name) <> ('tenant', 'tenant_deletions')""", String.class);
        Map<String, Long> rows = new java.util.TreeMap<>();
        for (String table : tables) {
            long count = jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant);
            if (count > 0) {
                rows.put(table, count);
            }
        }
        return rows;
    }
}
