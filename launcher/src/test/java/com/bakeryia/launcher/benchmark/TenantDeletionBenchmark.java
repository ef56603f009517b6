package com.bakeryia.launcher.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deletion engine's figures, side by side in one run (absolute times on a shared machine are
 * noise; the ratios are the figures): the platform's deletion of a tenant against the plain
 * set-based SQL deletion of its twin, the longest statement during it, another tenant's latency
 * during it against idle, the JVM heap for a large and a small deletion, and 100 small tenants at
 * once. Not part of the suite (its name does not end in Test); the command is in docs/benchmark.md.
 *
 * <p>The database is a fresh durable embedded PostgreSQL (fsync on) started here rather than by the
 * platform, only so that {@code pg_stat_statements} can be preloaded; the platform reaches it as an
 * external database. Deletions skip every wait a production job has on purpose: no grace window
 * ({@code bakery.deletion.tenant-grace-period=0s}), no write settle period before VERIFY
 * ({@code bakery.orchestrator.write-settle-period=0s}), and no rate limits.
 *
 * <p>System properties: {@code benchmark.quick} (default true: skips the 10M-row growth figure),
 * {@code benchmark.size} (the large tenant, default xlarge), {@code benchmark.small-tenants}
 * (default 100), {@code benchmark.warm-up} (small tenants deleted before anything is measured, in
 * rounds of {@code benchmark.small-tenants}, default 1000), {@code benchmark.args} (more platform
 * arguments, space separated). For finding where the time goes: {@code benchmark.threads} (CPU per thread, JIT and class loading during the
 * batch of small tenants), {@code benchmark.jfr} and {@code benchmark.jfr-large} (a flight
 * recording of that batch, or of the large deletion, to the file named), {@code
 * benchmark.dump-statements} (every statement's totals to {@code target/}).
 */
class TenantDeletionBenchmark {

    private static final String SETTINGS = "--bakery.orchestrator.write-settle-period=0s"
            + " --bakery.deletion.tenant-grace-period=0s --bakery.rate-limits.enabled=false";
    private static final long SLOW_MS = 250;

    private final StringBuilder report = new StringBuilder();
    private final Map<String, String[]> figures = new LinkedHashMap<>();

    @Test
    void measureTheDeletionTargets() throws Exception {
        boolean quick = Boolean.parseBoolean(System.getProperty("benchmark.quick", "true"));
        String size = System.getProperty("benchmark.size", "xlarge").toLowerCase(Locale.ROOT);
        int smallTenants = Integer.getInteger("benchmark.small-tenants", 100);
        int warmUpTenants = Integer.getInteger("benchmark.warm-up", 1000);
        Path dataDir = Files.createTempDirectory("bakery-benchmark");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // As the platform's own embedded database: autovacuum looks every 10 s, not every minute.
                .setServerConfig("autovacuum_naptime", "10s")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); var create = admin.createStatement()) {
                create.execute("create database bakery");
            }
            String url = postgres.getJdbcUrl("postgres", "bakery");
            try (Connection db = DriverManager.getConnection(url, "postgres", null); var create = db.createStatement()) {
                create.execute("create extension pg_stat_statements");
            }
            List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--bakery.data-dir=" + dataDir,
                    "--logging.level.root=WARN", "--bakery.db.url=" + url, "--bakery.db.username=postgres"));
            arguments.addAll(List.of(SETTINGS.split(" ")));
            String more = System.getProperty("benchmark.args", "").trim();
            if (!more.isEmpty()) {
                arguments.addAll(List.of(more.split("\\s+")));
            }
            try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(BakeryPlatformApplication.class)
                    .run(arguments.toArray(String[]::new));
                 Connection db = DriverManager.getConnection(url, "postgres", null)) {
                new Run(platform, db, url).measure(size, quick, smallTenants, warmUpTenants, arguments);
            }
        }
        Path out = Path.of("target", "benchmark-report.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** One benchmark run against a started platform. */
    private final class Run {

        private final ApiClient api;
        private final JwtTokens tokens;
        private final Connection db;
        private final String url;
        private final TenantFixture.Member owner;
        private final Map<String, List<String>> tablesBySchema = new LinkedHashMap<>();

        Run(ConfigurableApplicationContext platform, Connection db, String url) {
            int port = Integer.parseInt(platform.getEnvironment().getRequiredProperty("local.server.port"));
            this.api = ApiClient.onPort(port);
            this.tokens = platform.getBean(JwtTokens.class);
            this.db = db;
            this.url = url;
            this.owner = TenantFixture.register(api, "owner", UUID.randomUUID().toString().substring(0, 8));
            LocalDeletionParticipants participants = platform.getBean(LocalDeletionParticipants.class);
            for (String service : platform.getBean(DataServices.class).names()) {
                String schema = BeanFactoryAnnotationUtils.qualifiedBeanOfType(platform.getBeanFactory(),
                        ServiceDatabase.class, service).schema();
                tablesBySchema.put(schema, participants.plan(service).tenantTables());
            }
        }

        private String ownerToken() {
            return tokens.issueUserToken(owner.userId()).value();
        }

        private String serviceToken() {
            return tokens.issueServiceToken("benchmark").value();
        }

        private UUID tenant(String size) {
            UUID tenantId = TenantFixture.createTenant(api, owner, "Bakery " + UUID.randomUUID().toString().substring(0, 8));
            ApiClient.Response generated = api.post("/api/v1/tenants/" + tenantId + "/demo-data?size=" + size,
                    serviceToken(), null);
            if (generated.status() != 200) {
                throw new IllegalStateException("demo-data " + size + ": " + generated);
            }
            return tenantId;
        }

        void measure(String size, boolean quick, int smallCount, int warmUpCount, List<String> arguments) throws Exception {
            line("");
            line("== Tenant deletion benchmark ==");
            line("platform: %s", String.join(" ", arguments.subList(2, arguments.size())).replaceAll("--bakery.db.url=\\S+ ", ""));
            line("database: fresh embedded PostgreSQL 17 (fsync on, autovacuum every 10 s), pg_stat_statements preloaded; %d cores",
                    Runtime.getRuntime().availableProcessors());
            line("deletions skip the grace window and the write settle period before VERIFY (both 0s here; production"
                    + " default 30 s settle)");

            long generation = System.nanoTime();
            UUID large = tenant(size);
            UUID largeTwin = tenant(size);
            UUID traffic = tenant("medium");
            UUID small = tenant("small");
            UUID smallTwin = tenant("small");
            List<UUID> warmUp = new ArrayList<>();
            for (int i = 0; i < warmUpCount; i++) {
                warmUp.add(tenant("small"));
            }
            List<UUID> many = new ArrayList<>();
            List<UUID> manyTwins = new ArrayList<>();
            for (int i = 0; i < smallCount; i++) {
                many.add(tenant("small"));
                manyTwins.add(tenant("small"));
            }
            long largeRows = rows(List.of(large));
            long twinRows = rows(List.of(largeTwin));
            line("generated: %,d and %,d rows (%s twins), a medium traffic tenant, %d + 2 + 2 x %d small tenants"
                    + " (%,d rows each) in %.0f s", largeRows, twinRows, size, warmUpCount, smallCount, rows(List.of(small)),
                    seconds(generation));
            checkpoint();

            // The platform's deletion path compiled by the JIT before anything is timed, as in a
            // platform that has run for a while: rounds of as many tenants at once as the measured
            // batch, not counted; each round's time and JIT time show when it is steady.
            int round = 0;
            for (int from = 0; from < warmUp.size(); from += smallCount) {
                long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                Batch warm = deleteManyThroughPlatform(warmUp.subList(from, Math.min(warmUp.size(), from + smallCount)));
                line("warm-up round %d (not counted): %d small tenants at once in %.2f s, JIT compiling %,d ms", ++round,
                        warm.completed, warm.seconds,
                        ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling);
            }
            checkpoint();

            // Idle latency of the traffic mix, after a warm-up that is not counted.
            new Traffic(traffic).runFor(4_000);
            Traffic idle = new Traffic(traffic);
            idle.runFor(8_000);
            line("traffic mix idle: %s", idle.summary());

            // Plain SQL on the twin first, then the platform (same rows, same run).
            // Both deletions run under the same traffic mix, so their times compare; the mix's latency
            // during the plain SQL deletion says what deleting at the database's own speed costs the others.
            resetStatements();
            // The same watchers as during the platform's deletion (statements running, heap), so that
            // what they cost weighs on both alike.
            collect();
            Traffic duringPlain = new Traffic(traffic);
            HeapSampler plainHeap = new HeapSampler();
            ActivityWatch plainActivity = new ActivityWatch(url);
            plainHeap.start();
            plainActivity.start();
            duringPlain.start();
            long[] plainCpuBefore = cpuMillis();
            long plainGcBefore = gcMillis();
            double plainLarge = plainDelete(List.of(largeTwin));
            long[] plainCpuAfter = cpuMillis();
            long plainGc = gcMillis() - plainGcBefore;
            duringPlain.stop();
            plainActivity.halt();
            plainHeap.halt();
            line("plain SQL, %s twin: %,d rows in %.2f s (%,.0f rows/s), 2 connections; statements: %s; longest seen"
                    + " running %d ms", size, twinRows, plainLarge, twinRows / plainLarge, statementTotals(),
                    plainActivity.longestMs);
            line("traffic mix during the plain SQL deletion: %s", duringPlain.summary());
            line("  CPU during it: this JVM %,d ms (collector pauses %,d ms), PostgreSQL %,d ms",
                    plainCpuAfter[0] - plainCpuBefore[0], plainGc, plainCpuAfter[1] - plainCpuBefore[1]);
            dumpStatements("benchmark-statements-plain.txt");
            checkpoint();

            resetStatements();
            collect();
            Traffic during = new Traffic(traffic);
            during.start();
            long[] cpuLargeBefore = cpuMillis();
            long gcLargeBefore = gcMillis();
            jdk.jfr.Recording largeRecording = null;
            if (System.getProperty("benchmark.jfr-large") != null) {
                largeRecording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                largeRecording.setDestination(Path.of(System.getProperty("benchmark.jfr-large")));
                largeRecording.start();
            }
            Deletion platformLarge = deleteThroughPlatform(large, true);
            if (largeRecording != null) {
                largeRecording.stop();
                largeRecording.close();
            }
            long[] cpuLargeAfter = cpuMillis();
            long gcLarge = gcMillis() - gcLargeBefore;
            during.stop();
            line("platform, %s: %,d rows, %s in %.2f s (%,.0f rows/s), heap peak %,d MB in use, %,d MB live after GC",
                    size, platformLarge.deleted, platformLarge.status, platformLarge.seconds,
                    platformLarge.deleted / platformLarge.seconds, platformLarge.heapPeakMb, platformLarge.liveHeapMb);
            line("traffic mix during the deletion: %s", during.summary());
            line("  CPU during it: this JVM %,d ms (collector pauses %,d ms), PostgreSQL %,d ms",
                    cpuLargeAfter[0] - cpuLargeBefore[0], gcLarge, cpuLargeAfter[1] - cpuLargeBefore[1]);
            steps(platformLarge.jobId);
            statements(platformLarge.slowStatements, platformLarge.longestRunningMs, platformLarge.statementTotals);
            assertThat(platformLarge.status).isEqualTo("COMPLETED");
            assertThat(rows(List.of(large))).isZero();
            assertThat(rows(List.of(largeTwin))).isZero();
            checkpoint();

            collect();
            Traffic duringPlainSmall = new Traffic(traffic);
            duringPlainSmall.start();
            double plainSmall = plainDelete(List.of(smallTwin));
            duringPlainSmall.stop();
            collect();
            Traffic duringSmall = new Traffic(traffic);
            duringSmall.start();
            Deletion platformSmall = deleteThroughPlatform(small, true);
            duringSmall.stop();
            line("small tenant: platform %.3f s (%s, heap peak %,d MB in use, %,d MB live after GC), plain SQL %.3f s",
                    platformSmall.seconds, platformSmall.status, platformSmall.heapPeakMb, platformSmall.liveHeapMb,
                    plainSmall);
            steps(platformSmall.jobId);
            checkpoint();

            double plainMany = plainDelete(manyTwins);
            resetStatements();
            // -Dbenchmark.jfr=<file>: a flight recording of this batch alone, to see where it spends
            // (the JDK's "profile" settings, or the .jfc file -Dbenchmark.jfr-settings names).
            jdk.jfr.Recording recording = null;
            if (System.getProperty("benchmark.jfr") != null) {
                String settings = System.getProperty("benchmark.jfr-settings");
                recording = new jdk.jfr.Recording(settings == null ? jdk.jfr.Configuration.getConfiguration("profile")
                        : jdk.jfr.Configuration.create(Path.of(settings)));
                recording.setDestination(Path.of(System.getProperty("benchmark.jfr")));
                recording.start();
            }
            long[] cpuBefore = cpuMillis();
            Map<String, Long> threadsBefore = threadCpuMillis();
            long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            long compilingBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            Batch batch = deleteManyThroughPlatform(many);
            long[] cpuAfter = cpuMillis();
            Map<String, Long> threadsAfter = threadCpuMillis();
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            long manyLeft = rows(many) + rows(manyTwins);
            line("%d small tenants at once: platform %.2f s (%d COMPLETED, %d FAILED), plain SQL %.2f s, rows left %d",
                    smallCount, batch.seconds, batch.completed, batch.failed, plainMany, manyLeft);
            batchTimeline();
            line("  CPU during it: this JVM (platform and benchmark client) %,d ms, PostgreSQL %,d ms, on %d cores in %,.0f ms",
                    cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1], Runtime.getRuntime().availableProcessors(),
                    batch.seconds * 1000);
            if (Boolean.getBoolean("benchmark.threads")) {
                line("    classes loaded meanwhile %,d; JIT compiling %,d ms",
                        ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore,
                        ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingBefore);
                Map<String, Long> used = new java.util.TreeMap<>();
                threadsAfter.forEach((name, ms) -> used.put(name, ms - threadsBefore.getOrDefault(name, 0L)));
                used.entrySet().stream().filter(entry -> entry.getValue() >= 20)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(entry -> line("    thread %-20s %,6d ms", entry.getKey(), entry.getValue()));
            }
            busiestStatements();

            String growth = "skipped";
            String growthNote = quick ? "skipped (--quick: the 10M-row tenant takes minutes to generate)" : null;
            if (!quick) {
                checkpoint();
                long generating = System.nanoTime();
                UUID huge = tenant("xxlarge");
                line("generated: %,d rows (xxlarge) in %.0f s", rows(List.of(huge)), seconds(generating));
                checkpoint();
                // Under the same traffic mix as the xlarge deletion, so the two times compare.
                collect();
                Traffic duringHuge = new Traffic(traffic);
                duringHuge.start();
                Deletion platformHuge = deleteThroughPlatform(huge, false);
                duringHuge.stop();
                line("platform, xxlarge: %,d rows, %s in %.2f s (%,.0f rows/s), heap peak %,d MB in use, %,d MB live after GC",
                        platformHuge.deleted, platformHuge.status, platformHuge.seconds,
                        platformHuge.deleted / platformHuge.seconds, platformHuge.heapPeakMb, platformHuge.liveHeapMb);
                steps(platformHuge.jobId);
                assertThat(platformHuge.status).isEqualTo("COMPLETED");
                // Per row, as the xlarge figure: the generator's sizes are not exactly ten times.
                growth = ratio((platformHuge.seconds / platformHuge.deleted) / (platformLarge.seconds / platformLarge.deleted)
                        * 10);
                growthNote = String.format(Locale.ROOT, "%,d rows in %.1f s vs %,d rows in %.1f s, time per row scaled to"
                        + " ten times the rows", platformHuge.deleted, platformHuge.seconds, platformLarge.deleted,
                        platformLarge.seconds);
            }

            // Per row, so the twins' few rows of random difference do not count.
            double ratio = (platformLarge.seconds / platformLarge.deleted) / (plainLarge / twinRows);
            figures.put("xlarge DELETE to COMPLETED / plain SQL", new String[] {ratio(ratio), "<= 1.25",
                    met(ratio <= 1.25), String.format(Locale.ROOT, "%.2f s / %.2f s", platformLarge.seconds, plainLarge)});
            figures.put("longest single statement during it", new String[] {platformLarge.longestMs + " ms", "<= 250 ms",
                    met(platformLarge.longestMs <= SLOW_MS), platformLarge.overSlow + " normalised statements over 250 ms;"
                    + " longest seen running " + platformLarge.longestRunningMs + " ms, " + platformLarge.runningOverSlow
                    + " executions seen over 250 ms"});
            double p99 = during.p99(true) / idle.p99(true);
            double p99Writes = during.p99(false) / idle.p99(false);
            figures.put("p99 of the read/write mix during / idle", new String[] {ratio(Math.max(p99, p99Writes)), "<= 2",
                    met(Math.max(p99, p99Writes) <= 2), String.format(Locale.ROOT, "reads %.1f / %.1f ms = %.2f, writes %.1f"
                    + " / %.1f ms = %.2f; during the plain SQL deletion: reads %.2f, writes %.2f", during.p99(true),
                    idle.p99(true), p99, during.p99(false), idle.p99(false), p99Writes,
                    duringPlain.p99(true) / idle.p99(true), duringPlain.p99(false) / idle.p99(false))});
            double manyRatio = batch.seconds / plainMany;
            boolean manyOk = batch.completed == smallCount && batch.failed == 0 && manyLeft == 0;
            figures.put(smallCount + " small tenants at once / plain SQL", new String[] {ratio(manyRatio), "<= 3, none failed",
                    met(manyRatio <= 3 && manyOk), String.format(Locale.ROOT, "%.2f s / %.2f s, %d completed, %d failed,"
                    + " %d rows left", batch.seconds, plainMany, batch.completed, batch.failed, manyLeft)});
            double smallRatio = platformSmall.seconds / plainSmall;
            figures.put("small tenant end to end / plain SQL", new String[] {ratio(smallRatio), "<= 3", met(smallRatio <= 3),
                    String.format(Locale.ROOT, "%.3f s / %.3f s", platformSmall.seconds, plainSmall)});
            long heapDelta = platformLarge.liveHeapMb - platformSmall.liveHeapMb;
            figures.put("JVM heap peak, xlarge vs small deletion", new String[] {heapDelta + " MB", "within 64 MB",
                    met(Math.abs(heapDelta) <= 64), "live after GC " + platformLarge.liveHeapMb + " MB vs "
                    + platformSmall.liveHeapMb + " MB; in use (garbage included) " + platformLarge.heapPeakMb + " MB vs "
                    + platformSmall.heapPeakMb + " MB"});
            figures.put("growth: 10M-row tenant / 1M-row tenant", new String[] {growth, "<= 10.5",
                    growth.equals("skipped") ? "skipped" : met(Double.parseDouble(growth) <= 10.5), growthNote});

            line("");
            line("| figure | measured | target | met | detail |");
            line("|---|---|---|---|---|");
            figures.forEach((figure, value) -> line("| %s | %s | %s | %s | %s |", figure, value[0], value[1], value[2], value[3]));
            line("");
            assertThat(manyOk).as("every small tenant COMPLETED and empty").isTrue();
        }

        /**
         * CPU time used so far by this JVM and by every PostgreSQL process (from /proc, in clock
         * ticks of 10 ms; zero where /proc is not there).
         */
        private long[] cpuMillis() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1_000_000;
            long postgres = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String cmdline = Files.readString(process.resolve("cmdline"));
                        if (!cmdline.startsWith("postgres") && !cmdline.contains("/bin/postgres")) {
                            continue;
                        }
                        String stat = Files.readString(process.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // user and system time, and those of its ended children: the postmaster's
                        // include the backends of connections closed meanwhile (plain SQL's own).
                        postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                                + Long.parseLong(fields[14])) * 10;
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while being read
                    }
                }
            } catch (IOException noProc) {
                return new long[] {jvm, 0};
            }
            return new long[] {jvm, postgres};
        }

        /** Time this JVM's collectors have spent so far. */
        private long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                    .sum();
        }

        /** CPU time so far of this JVM's threads (every one, the JIT's and the collector's too), by name without numbers. */
        private Map<String, Long> threadCpuMillis() {
            Map<String, Long> byName = new java.util.HashMap<>();
            try (var threads = Files.list(Path.of("/proc/self/task"))) {
                for (Path thread : threads.toList()) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10, Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended while being read
                    }
                }
            } catch (IOException noProc) {
                // not on Linux: nothing to say
            }
            return byName;
        }

        private String ratio(double value) {
            return String.format(Locale.ROOT, "%.2f", value);
        }

        private String met(boolean met) {
            return met ? "yes" : "NO";
        }

        private double seconds(long startNanos) {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        /** A checkpoint and a vacuum, so one measurement does not pay for the writes of the one before. */
        private void checkpoint() throws SQLException {
            try (var statement = db.createStatement()) {
                statement.execute("vacuum analyze");
                statement.execute("checkpoint");
            }
        }

        /** Rows of these tenants left in the data schemas, counted by the plans' tables. */
        private long rows(List<UUID> tenants) throws SQLException {
            long rows = 0;
            for (var schema : tablesBySchema.entrySet()) {
                for (String table : schema.getValue()) {
                    try (PreparedStatement count = db.prepareStatement("select count(*) from " + schema.getKey() + "."
                            + table + " where tenant_id = any(?)")) {
                        count.setArray(1, db.createArrayOf("uuid", tenants.toArray()));
                        try (var rs = count.executeQuery()) {
                            rs.next();
                            rows += rs.getLong(1);
                        }
                    }
                }
            }
            return rows;
        }

        /**
         * {@code delete from <schema>.<table> where tenant_id = ?}, children first, one statement
         * per table and tenant in autocommit, the schemas split over two connections by rows.
         */
        private double plainDelete(List<UUID> tenants) throws Exception {
            Map<String, Long> rowsBySchema = new LinkedHashMap<>();
            for (var schema : tablesBySchema.entrySet()) {
                long rows = 0;
                for (String table : schema.getValue()) {
                    try (PreparedStatement count = db.prepareStatement("select count(*) from " + schema.getKey() + "."
                            + table + " where tenant_id = any(?)")) {
                        count.setArray(1, db.createArrayOf("uuid", tenants.toArray()));
                        try (var rs = count.executeQuery()) {
                            rs.next();
                            rows += rs.getLong(1);
                        }
                    }
                }
                rowsBySchema.put(schema.getKey(), rows);
            }
            List<List<String>> halves = List.of(new ArrayList<>(), new ArrayList<>());
            long[] load = new long[2];
            rowsBySchema.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(entry -> {
                int lighter = load[0] <= load[1] ? 0 : 1;
                halves.get(lighter).add(entry.getKey());
                load[lighter] += entry.getValue();
            });
            ExecutorService connections = Executors.newFixedThreadPool(2);
            try (Connection first = DriverManager.getConnection(url, "postgres", null);
                 Connection second = DriverManager.getConnection(url, "postgres", null)) {
                List<Connection> both = List.of(first, second);
                long started = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Connection connection = both.get(i);
                    List<String> schemas = halves.get(i);
                    done.add(connections.submit(() -> {
                        for (String schema : schemas) {
                            for (String table : tablesBySchema.get(schema)) {
                                try (PreparedStatement delete = connection.prepareStatement("delete from " + schema + "."
                                        + table + " where tenant_id = ?")) {
                                    for (UUID tenant : tenants) {
                                        delete.setObject(1, tenant);
                                        delete.executeUpdate();
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
                return seconds(started);
            } finally {
                connections.shutdown();
            }
        }

        /** The statements since the last reset, in all (the benchmark's own polls left out). */
        private String statementTotals() throws SQLException {
            try (var read = db.createStatement(); var rs = read.executeQuery("select sum(calls), sum(total_exec_time),"
                    + " sum(total_plan_time) from pg_stat_statements where query not like '%pg_stat%'"
                    + " and query not like '%deletion.deletion_jobs where id = %'")) {
                rs.next();
                return String.format(Locale.ROOT, "%,d calls, %,.0f ms executing, %,.0f ms planning", rs.getLong(1),
                        rs.getDouble(2), rs.getDouble(3));
            }
        }

        private void resetStatements() throws SQLException {
            try (var statement = db.createStatement()) {
                statement.execute("select pg_stat_statements_reset()");
            }
        }

        /** Starts from a collected heap; call it before a traffic mix starts, whose requests a full collection would stall. */
        private void collect() {
            System.gc();
            System.gc();
        }

        private Deletion deleteThroughPlatform(UUID tenant, boolean watch) throws Exception {
            resetStatements();
            HeapSampler heap = new HeapSampler();
            ActivityWatch activity = watch ? new ActivityWatch(url) : null;
            heap.start();
            if (activity != null) {
                activity.start();
            }
            long started = System.nanoTime();
            ApiClient.Response accepted = api.delete("/api/v1/tenants/" + tenant, ownerToken());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            UUID jobId = UUID.fromString(accepted.json().path("job_id").asText());
            String status;
            while (true) {
                status = jobStatus(jobId);
                if (!status.equals("PENDING") && !status.equals("RUNNING")) {
                    break;
                }
                LockSupport.parkNanos(5_000_000);
            }
            double took = seconds(started);
            heap.halt();
            Deletion deletion = new Deletion(jobId, status, took, totalDeleted(jobId), heap.peakMb());
            deletion.liveHeapMb = heap.peakAfterGcMb();
            if (activity != null) {
                activity.halt();
                deletion.longestRunningMs = activity.longestMs;
                deletion.runningOverSlow = activity.over.size();
            }
            deletion.slowStatements = slowStatements();
            deletion.statementTotals = statementTotals();
            dumpStatements("benchmark-statements-" + (deletion.deleted > 100_000 ? "large" : "small") + ".txt");
            deletion.longestMs = deletion.slowStatements.isEmpty() ? 0 : Math.round(deletion.slowStatements.get(0).maxMs);
            deletion.overSlow = deletion.slowStatements.stream().filter(s -> s.maxMs > SLOW_MS).count();
            return deletion;
        }

        private double lastBatchAccepted;
        private List<UUID> lastBatchJobs = List.of();

        /** When the jobs of the last batch were answered, started and completed, and how long one took. */
        private void batchTimeline() throws SQLException {
            try (PreparedStatement read = db.prepareStatement("""
                    select extract(epoch from max(created_at) - min(created_at)) as creating,
                      extract(epoch from percentile_cont(0.5) within group (order by completed_at - created_at)) as median,
                      extract(epoch from max(completed_at - created_at)) as longest,
                      extract(epoch from max(completed_at) - min(created_at)) as all_of_them
                    from deletion.deletion_jobs where id = any(?)""")) {
                read.setArray(1, db.createArrayOf("uuid", lastBatchJobs.toArray()));
                try (var rs = read.executeQuery()) {
                    rs.next();
                    line("  every DELETE answered after %.2f s; jobs created over %.2f s; a job took %.2f s (median),"
                            + " %.2f s at most; first created to last completed %.2f s", lastBatchAccepted,
                            rs.getDouble("creating"), rs.getDouble("median"), rs.getDouble("longest"),
                            rs.getDouble("all_of_them"));
                }
            }
        }

        private Batch deleteManyThroughPlatform(List<UUID> tenants) throws Exception {
            long started = System.nanoTime();
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<UUID>> accepted = new ArrayList<>();
            String token = ownerToken();
            for (UUID tenant : tenants) {
                accepted.add(callers.submit(() -> {
                    ApiClient.Response response = api.delete("/api/v1/tenants/" + tenant, token);
                    assertThat(response.status()).as(response.toString()).isEqualTo(202);
                    return UUID.fromString(response.json().path("job_id").asText());
                }));
            }
            List<UUID> jobs = new ArrayList<>();
            for (Future<UUID> job : accepted) {
                jobs.add(job.get());
            }
            callers.shutdown();
            lastBatchAccepted = seconds(started);
            lastBatchJobs = jobs;
            while (true) {
                try (PreparedStatement poll = db.prepareStatement("select count(*) filter (where status = 'COMPLETED'),"
                        + " count(*) filter (where status = 'FAILED'), count(*) filter (where status in ('PENDING', 'RUNNING'))"
                        + " from deletion.deletion_jobs where id = any(?)")) {
                    poll.setArray(1, db.createArrayOf("uuid", jobs.toArray()));
                    try (var rs = poll.executeQuery()) {
                        rs.next();
                        if (rs.getLong(3) == 0) {
                            return new Batch(seconds(started), rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
                LockSupport.parkNanos(10_000_000);
            }
        }

        private String jobStatus(UUID jobId) throws SQLException {
            try (PreparedStatement poll = db.prepareStatement("select status from deletion.deletion_jobs where id = ?")) {
                poll.setObject(1, jobId);
                try (var rs = poll.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "PENDING";
                }
            }
        }

        private long totalDeleted(UUID jobId) throws SQLException {
            try (PreparedStatement read = db.prepareStatement("select coalesce(sum(items_deleted), 0) from"
                    + " deletion.deletion_steps where job_id = ? and phase = 'DELETE'")) {
                read.setObject(1, jobId);
                try (var rs = read.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** Per-phase spans, the waits between phases, and the slowest steps of a job, from the job store. */
        private void steps(UUID jobId) throws SQLException {
            try (PreparedStatement read = db.prepareStatement("""
                    select j.created_at, j.completed_at, s.phase, min(s.started_at) as first_start,
                      max(s.completed_at) as last_end, count(*) as steps, sum(s.attempts) as attempts,
                      sum(extract(epoch from s.completed_at - s.started_at)) as busy,
                      (select sum(a.duration_ms) from deletion.deletion_step_attempts a join deletion.deletion_steps t
                        on t.id = a.step_id where t.job_id = j.id and t.phase = s.phase) as calls
                    from deletion.deletion_steps s join deletion.deletion_jobs j on j.id = s.job_id
                    where s.job_id = ? group by j.id, j.created_at, j.completed_at, s.phase order by min(s.started_at)""")) {
                read.setObject(1, jobId);
                try (var rs = read.executeQuery()) {
                    java.sql.Timestamp previousEnd = null;
                    while (rs.next()) {
                        if (previousEnd == null) {
                            previousEnd = rs.getTimestamp("created_at");
                            line("  job: created to completed %.3f s", (rs.getTimestamp("completed_at").getTime()
                                    - previousEnd.getTime()) / 1e3);
                        }
                        line("  %-7s %2d steps, %2d attempts, wait before %4d ms, span %6d ms, step time summed %6.0f ms"
                                + " (in the participants' calls %6d ms)",
                                rs.getString("phase"), rs.getInt("steps"), rs.getInt("attempts"),
                                rs.getTimestamp("first_start").getTime() - previousEnd.getTime(),
                                rs.getTimestamp("last_end").getTime() - rs.getTimestamp("first_start").getTime(),
                                rs.getDouble("busy") * 1000, rs.getLong("calls"));
                        previousEnd = rs.getTimestamp("last_end");
                    }
                }
            }
            try (PreparedStatement read = db.prepareStatement("""
                    select s.phase, s.service, s.items_deleted, s.attempts,
                      extract(epoch from s.completed_at - s.started_at) * 1000 as ms
                    from deletion.deletion_steps s where s.job_id = ? order by ms desc limit 8""")) {
                read.setObject(1, jobId);
                try (var rs = read.executeQuery()) {
                    line("  slowest steps:");
                    while (rs.next()) {
                        line("    %-7s %-16s %6.0f ms %,10d rows, %d attempts", rs.getString("phase"), rs.getString("service"),
                                rs.getDouble("ms"), rs.getLong("items_deleted"), rs.getInt("attempts"));
                    }
                }
            }
        }

        private List<Statement> slowStatements() throws SQLException {
            List<Statement> statements = new ArrayList<>();
            try (var read = db.createStatement(); var rs = read.executeQuery("""
                    select query, calls, max_exec_time, mean_exec_time, total_exec_time from pg_stat_statements
                    where query not like '%pg_stat%' and query not like '%deletion.deletion_jobs where id = any%'
                    order by max_exec_time desc limit 12""")) {
                while (rs.next()) {
                    statements.add(new Statement(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5)));
                }
            }
            return statements;
        }

        /** With -Dbenchmark.dump-statements=true: every statement since the last reset, into target/{@code file}. */
        private void dumpStatements(String file) throws SQLException {
            if (!Boolean.getBoolean("benchmark.dump-statements")) {
                return;
            }
            StringBuilder all = new StringBuilder();
            try (var read = db.createStatement(); var rs = read.executeQuery(
                    "select calls, total_exec_time, total_plan_time, query from pg_stat_statements order by total_exec_time desc")) {
                while (rs.next()) {
                    all.append(String.format(Locale.ROOT, "%8d %10.1f %8.1f  %s%n", rs.getLong(1), rs.getDouble(2),
                            rs.getDouble(3), rs.getString(4).replaceAll("\\s+", " ")));
                }
            }
            try {
                Files.writeString(Path.of("target", file), all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where the database's time went: the statements with the most time in all, and all statements' calls. */
        private void busiestStatements() throws SQLException {
            dumpStatements("benchmark-statements.txt");
            try (var read = db.createStatement(); var rs = read.executeQuery("""
                    select query, calls, total_exec_time + total_plan_time as total_time, total_plan_time,
                      mean_exec_time, sum(calls) over () as all_calls, sum(total_exec_time) over () as all_time,
                      sum(total_plan_time) over () as all_plan_time from pg_stat_statements
                    where query not like '%pg_stat%' and query not like '%deletion.deletion_jobs where id = any%'
                    order by total_exec_time + total_plan_time desc limit 15""")) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        line("  statements: %,d calls, %,.0f ms executing and %,.0f ms planning in all; the busiest"
                                + " (pg_stat_statements, by total):", rs.getLong("all_calls"), rs.getDouble("all_time"),
                                rs.getDouble("all_plan_time"));
                        first = false;
                    }
                    String sql = rs.getString("query").replaceAll("\\s+", " ");
                    line("    total %7.0f ms (planning %5.0f)  calls %7d  mean %6.2f ms  %s", rs.getDouble("total_time"),
                            rs.getDouble("total_plan_time"), rs.getLong("calls"), rs.getDouble("mean_exec_time"),
                            sql.length() > 140 ? sql.substring(0, 140) + "..." : sql);
                }
            }
        }

        private void statements(List<Statement> statements, long longestRunning, String totals) {
            line("  statements during the deletion: %s", totals);
            line("  slowest statements during the deletion (pg_stat_statements, by max):");
            for (Statement statement : statements) {
                String sql = statement.query.replaceAll("\\s+", " ");
                line("    max %6.1f ms  mean %6.1f ms  calls %6d  total %8.0f ms  %s", statement.maxMs, statement.meanMs,
                        statement.calls, statement.totalMs, sql.length() > 150 ? sql.substring(0, 150) + "..." : sql);
            }
            line("  longest statement seen running in pg_stat_activity: %d ms", longestRunning);
        }

        /** A bounded read/write mix on one tenant: 2 clients, 3 reads then 1 write, 10 ms apart. */
        private final class Traffic {

            private final UUID tenant;
            private final AtomicBoolean stop = new AtomicBoolean();
            private final List<Long> reads = Collections.synchronizedList(new ArrayList<>());
            private final List<Long> writes = Collections.synchronizedList(new ArrayList<>());
            private final AtomicLong errors = new AtomicLong();
            private final List<Thread> clients = new ArrayList<>();

            Traffic(UUID tenant) {
                this.tenant = tenant;
            }

            void start() {
                String token = ownerToken();
                String base = "/api/v1/tenants/" + tenant;
                List<String> readPaths = List.of(base + "/customers?limit=20", base + "/orders?limit=20",
                        base + "/ingredients?limit=20");
                for (int c = 0; c < 2; c++) {
                    Thread client = new Thread(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            long sent = System.nanoTime();
                            int status;
                            boolean read = n % 4 != 3;
                            if (read) {
                                status = api.get(readPaths.get(n % 4), token).status();
                            } else {
                                status = api.post(base + "/customers", token, Map.of("name", "traffic " + n)).status();
                            }
                            long micros = (System.nanoTime() - sent) / 1000;
                            if (status >= 300) {
                                errors.incrementAndGet();
                            }
                            (read ? reads : writes).add(micros);
                            LockSupport.parkNanos(10_000_000);
                        }
                    }, "benchmark-traffic-" + c);
                    client.setDaemon(true);
                    client.start();
                    clients.add(client);
                }
            }

            void stop() throws InterruptedException {
                stop.set(true);
                for (Thread client : clients) {
                    client.join();
                }
            }

            void runFor(long millis) throws InterruptedException {
                start();
                Thread.sleep(millis);
                stop();
            }

            double p99(boolean ofReads) {
                List<Long> sorted;
                synchronized (ofReads ? reads : writes) {
                    sorted = new ArrayList<>(ofReads ? reads : writes);
                }
                if (sorted.isEmpty()) {
                    return Double.NaN;
                }
                Collections.sort(sorted);
                return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0;
            }

            String summary() {
                return String.format(Locale.ROOT, "%d reads p99 %.1f ms, %d writes p99 %.1f ms, %d errors", reads.size(),
                        p99(true), writes.size(), p99(false), errors.get());
            }
        }
    }

    /**
     * Samples the JVM heap every 10 ms: the peak in use (garbage included, so it follows the
     * collector's rhythm) and the peak left live after a collection (what the deletion holds on to),
     * counting from the heap the latest collection before the start left.
     */
    private static final class HeapSampler extends Thread {

        private volatile boolean stopped;
        private long peak;
        private long peakAfterGc;

        HeapSampler() {
            super("benchmark-heap");
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            // What the latest collection before the start left live (the heap the deletion starts
            // from), then every collection from now on; not a collector's last one from long
            // before (the young collector's from the generation of the data, with what was live then).
            Map<String, Long> before = new java.util.HashMap<>();
            long latestEnd = -1;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof com.sun.management.GarbageCollectorMXBean detailed && detailed.getLastGcInfo() != null) {
                    var info = detailed.getLastGcInfo();
                    before.put(gc.getName(), info.getId());
                    if (info.getEndTime() > latestEnd) {
                        latestEnd = info.getEndTime();
                        peakAfterGc = liveAfter(info);
                    }
                }
            }
            while (!stopped) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                    if (gc instanceof com.sun.management.GarbageCollectorMXBean detailed && detailed.getLastGcInfo() != null
                            && detailed.getLastGcInfo().getId() > before.getOrDefault(gc.getName(), -1L)) {
                        peakAfterGc = Math.max(peakAfterGc, liveAfter(detailed.getLastGcInfo()));
                    }
                }
                LockSupport.parkNanos(10_000_000);
            }
        }

        void halt() {
            stopped = true;
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static long liveAfter(com.sun.management.GcInfo collection) {
            return collection.getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> ManagementFactory.getMemoryPoolMXBeans().stream().anyMatch(heapPool ->
                            heapPool.getName().equals(pool.getKey()) && heapPool.getType() == java.lang.management.MemoryType.HEAP))
                    .mapToLong(pool -> pool.getValue().getUsed()).sum();
        }

        long peakMb() {
            return peak / (1024 * 1024);
        }

        long peakAfterGcMb() {
            return peakAfterGc / (1024 * 1024);
        }
    }

    /** Polls pg_stat_activity every 20 ms for active statements; keeps the longest and those over 250 ms. */
    private static final class ActivityWatch extends Thread {

        private final String url;
        private volatile boolean stopped;
        volatile long longestMs;
        final Set<String> over = new HashSet<>();

        ActivityWatch(String url) {
            super("benchmark-activity");
            this.url = url;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Connection connection = DriverManager.getConnection(url, "postgres", null);
                 PreparedStatement poll = connection.prepareStatement("select pid, query_start,"
                         + " extract(epoch from clock_timestamp() - query_start) * 1000 from pg_stat_activity"
                         + " where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
                while (!stopped) {
                    try (var rs = poll.executeQuery()) {
                        while (rs.next()) {
                            long ms = Math.round(rs.getDouble(3));
                            longestMs = Math.max(longestMs, ms);
                            if (ms > SLOW_MS) {
                                over.add(rs.getInt(1) + "@" + rs.getTimestamp(2));
                            }
                        }
                    }
                    LockSupport.parkNanos(20_000_000);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void halt() {
            stopped = true;
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Deletion {
        final UUID jobId;
        final String status;
        final double seconds;
        final long deleted;
        final long heapPeakMb;
        List<Statement> slowStatements = List.of();
        long liveHeapMb;
        long longestMs;
        long overSlow;
        long longestRunningMs;
        long runningOverSlow;
        String statementTotals = "";

        Deletion(UUID jobId, String status, double seconds, long deleted, long heapPeakMb) {
            this.jobId = jobId;
            this.status = status;
            this.seconds = seconds;
            this.deleted = deleted;
            this.heapPeakMb = heapPeakMb;
        }
    }

    private record Batch(double seconds, long completed, long failed) {
    }

    private record Statement(String query, long calls, double maxMs, double meanMs, double totalMs) {
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
