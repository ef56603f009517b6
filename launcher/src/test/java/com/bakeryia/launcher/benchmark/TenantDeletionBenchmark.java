package com.bakeryia.launcher.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures a whole tenant deletion on the real platform: every target in one process on the
 * durable embedded PostgreSQL (fsync on), a tenant filled by the generator at
 * {@code -Dbenchmark.size} (default large), preview, DELETE as owner, the job polled to
 * COMPLETED, and an independent count of what is left. Prints the figures; not part of the suite
 * (its name does not end in Test). Run it with the command in the README.
 */
class TenantDeletionBenchmark {

    @Test
    void deleteAGeneratedTenant() throws Exception {
        String size = System.getProperty("benchmark.size", "large").toLowerCase(Locale.ROOT);
        Path dataDir = Files.createTempDirectory("bakery-benchmark");
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(BakeryPlatformApplication.class)
                .run("--server.port=0", "--bakery.data-dir=" + dataDir, "--logging.level.root=WARN")) {
            int port = Integer.parseInt(platform.getEnvironment().getRequiredProperty("local.server.port"));
            ApiClient api = ApiClient.onPort(port);
            String service = platform.getBean(JwtTokens.class).issueServiceToken("benchmark").value();
            TenantFixture tenant = TenantFixture.create(api);

            long generationStart = System.nanoTime();
            ApiClient.Response generated = api.post("/api/v1/tenants/" + tenant.tenantId() + "/demo-data?size=" + size,
                    service, null);
            double generationSeconds = (System.nanoTime() - generationStart) / 1e9;
            assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
            long generatedRows = generated.json().path("total_rows").asLong();

            ApiClient.Response preview = api.get("/api/v1/tenants/" + tenant.tenantId() + "/deletion-preview",
                    tenant.owner().accessToken());
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);

            ApiClient.Response started = api.delete("/api/v1/tenants/" + tenant.tenantId(), tenant.owner().accessToken());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            String jobId = started.json().path("job_id").asText();
            JsonNode job = await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/api/v1/deletion-jobs/" + jobId, service).json(),
                            current -> !current.path("status").asText().matches("PENDING|RUNNING"));
            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");

            long left = rowsLeft(platform, tenant.tenantId());
            System.out.printf(Locale.ROOT, "%n== Tenant deletion benchmark, size %s ==%n", size);
            System.out.printf(Locale.ROOT, "generated     %,d rows in %.1f s (%,.0f rows/s)%n", generatedRows, generationSeconds,
                    generatedRows / generationSeconds);
            System.out.printf(Locale.ROOT, "previewed     %,d rows%n", preview.json().path("total_items").asLong());
            System.out.printf(Locale.ROOT, "job           %s, %,d rows deleted, %d services completed, %s%n",
                    job.path("status").asText(), job.path("total_items_deleted").asLong(),
                    job.path("services_completed").asInt(), job.path("duration").asText());
            for (JsonNode step : job.path("service_results")) {
                long stepMs = 0;
                for (JsonNode attempt : step.path("attempt_history")) {
                    stepMs += attempt.path("duration_ms").asLong();
                }
                System.out.printf(Locale.ROOT, "  %-7s %-16s %8d ms %,10d rows  attempts %d%n", step.path("phase").asText(),
                        step.path("service").asText(), stepMs, step.path("items_deleted").asLong(),
                        step.path("attempts").asInt());
            }
            System.out.printf(Locale.ROOT, "rows left     %d (independent count over every data schema)%n%n", left);
            assertThat(left).isZero();
        }
    }

    /**
     * Rows with the tenant's id in any table of the 12 data schemas, counted from the live catalog
     * (the tenant schema keeps its deletion audit record on purpose).
     */
    private static long rowsLeft(ConfigurableApplicationContext platform, UUID tenantId) {
        ServiceDatabase orders = BeanFactoryAnnotationUtils.qualifiedBeanOfType(platform.getBeanFactory(),
                ServiceDatabase.class, "orders");
        long left = 0;
        for (var table : orders.jdbc().queryForList("""
                select c.table_schema || '.' || c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
                  and c.table_schema not in ('auth', 'tenant')""", String.class)) {
            left += orders.jdbc().queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenantId);
        }
        return left;
    }
}
