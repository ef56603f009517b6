package com.bakeryia.platform.demodata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The bulk data generator: fills a tenant in every data service ({@link DataServices}) at a named
 * size. Services in this process write through their {@link DemoDataContributor}; services elsewhere (a data service that
 * is not local and has {@code bakery.services.<name>.url}) are asked over HTTP to run theirs. At
 * most {@value #PARALLELISM} services write at once, so the shared pool keeps connections for
 * live traffic. People columns take the ids of the tenant's current members.
 *
 * <p>A generation can outlast the tenant's standing: before each chunk of every table
 * ({@link TableCopy}) the tenant service is asked again, not through a cache, whether the tenant is
 * still ACTIVE. Once it is not (its deletion was scheduled or started), writing stops and the caller
 * gets a 409; the rows written until then are the deletion's to remove, which verifies only after
 * such a chunk has committed (the orchestrator's write settle period).
 */
final class DemoDataGenerator {

    static final int PARALLELISM = 4;
    private static final Duration REMOTE_TIMEOUT = Duration.ofMinutes(15);
    private static final UUID NO_USER = new UUID(0, 0);
    private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

    private final Map<String, DemoDataContributor> local = new TreeMap<>();
    private final DataServices dataServices;
    private final TenantDirectory directory;
    private final RemoteServices remoteServices;
    private final BakeryProperties properties;
    private final Clock clock;

    DemoDataGenerator(List<DemoDataContributor> contributors, DataServices dataServices, TenantDirectory directory,
                      RemoteServices remoteServices, BakeryProperties properties, Clock clock) {
        contributors.forEach(contributor -> local.put(contributor.service(), contributor));
        this.dataServices = dataServices;
        this.directory = directory;
        this.remoteServices = remoteServices;
        this.properties = properties;
        this.clock = clock;
    }

    static DemoDataSize parseSize(String size) {
        try {
            return DemoDataSize.valueOf(size.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Query parameter 'size' must be one of small, medium, large, xlarge, xxlarge; was '"
                    + size + "'.");
        }
    }

    /** Fills the tenant in every data service, local or remote; answers when all rows are written. */
    DemoDataReport fillEverywhere(UUID tenantId, DemoDataSize size) {
        List<UUID> members = requireActiveTenant(tenantId);
        List<String> remote = dataServices.names().stream()
                .filter(service -> !local.containsKey(service) && !remoteServices.isLocal(service))
                .filter(service -> properties.service(service).url() != null)
                .toList();
        Instant started = clock.instant();
        Map<String, Future<DemoDataReport.ServiceRows>> running = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            local.values().forEach(contributor -> running.put(contributor.service(),
                    pool.submit(() -> run(contributor, tenantId, size, members))));
            remote.forEach(service -> running.put(service, pool.submit(() -> askRemote(service, tenantId, size))));
            Map<String, DemoDataReport.ServiceRows> done = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            ApiProblem stopped = null;
            for (var entry : running.entrySet()) {
                try {
                    done.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ApiProblem problem && problem.getStatusCode().value() == 409) {
                        stopped = problem;
                        continue;
                    }
                    failures.add(entry.getKey() + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while generating demo data", e);
                }
            }
            if (stopped != null) {
                throw stopped.with("services_done", List.copyOf(done.keySet()));
            }
            if (!failures.isEmpty()) {
                throw ApiProblem.of(HttpStatus.BAD_GATEWAY, "Demo data for tenant " + tenantId
                                + " was not written completely: " + String.join("; ", failures))
                        .with("services_done", done.keySet());
            }
            long elapsed = Math.max(1, Duration.between(started, clock.instant()).toMillis());
            long total = done.values().stream().mapToLong(DemoDataReport.ServiceRows::rows).sum();
            var report = new DemoDataReport(tenantId, size.name().toLowerCase(Locale.ROOT), done, total, elapsed,
                    total * 1000 / elapsed);
            log.atInfo().addKeyValue("tenant_id", tenantId).addKeyValue("rows", total).addKeyValue("duration_ms", elapsed)
                    .log("Generated {} demo data for tenant {}: {} rows in {} services in {} ms ({} rows/s)",
                            report.size(), tenantId, total, done.size(), elapsed, report.rowsPerSecond());
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fills the tenant in one service of this process. */
    DemoDataReport.ServiceRows fillLocal(String service, UUID tenantId, DemoDataSize size) {
        DemoDataContributor contributor = Optional.ofNullable(local.get(service)).orElseThrow(() ->
                ApiProblem.notFound("No demo data generator for service '" + service + "' runs in this process."));
        return run(contributor, tenantId, size, requireActiveTenant(tenantId));
    }

    private List<UUID> requireActiveTenant(UUID tenantId) {
        TenantAccess access = directory.access(tenantId, NO_USER)
                .orElseThrow(() -> ApiProblem.notFound("Tenant " + tenantId + " does not exist."));
        if (access.status() != TenantStatus.ACTIVE) {
            throw ApiProblem.conflict("Tenant " + tenantId + " is " + access.status() + " and accepts no writes.");
        }
        return directory.memberIds(tenantId);
    }

    /** Before each chunk: the tenant service's answer now, never a cached one. */
    private void requireStillActive(UUID tenantId, String service) {
        TenantStatus status = directory.access(tenantId, NO_USER).map(TenantAccess::status).orElse(null);
        if (status != TenantStatus.ACTIVE) {
            throw ApiProblem.conflict("Tenant " + tenantId + " is " + (status == null ? "gone" : status)
                    + " and accepts no writes: its demo data was being written, and writing stopped (in " + service
                    + "). The rows written until then are removed with the tenant.");
        }
    }

    private DemoDataReport.ServiceRows run(DemoDataContributor contributor, UUID tenantId, DemoDataSize size,
                                           List<UUID> members) {
        Instant started = clock.instant();
        Map<String, Long> tables;
        try {
            tables = TableCopy.checkingBeforeEachChunk(() -> requireStillActive(tenantId, contributor.service()),
                    () -> contributor.generate(tenantId, size, members));
        } catch (RuntimeException e) {
            if (!com.bakeryia.platform.deletion.WriteFence.refused(e)) {
                throw e;
            }
            // The tenant's deletion fenced this service while a chunk was being written: that chunk is refused.
            throw ApiProblem.conflict("Tenant " + tenantId + " is being deleted and accepts no writes: its demo data was"
                    + " being written, and writing stopped (in " + contributor.service() + "). The rows written until"
                    + " then are removed with the tenant.");
        }
        long rows = tables.values().stream().mapToLong(Long::longValue).sum();
        return new DemoDataReport.ServiceRows(contributor.service(), tables, rows,
                Duration.between(started, clock.instant()).toMillis());
    }

    private DemoDataReport.ServiceRows askRemote(String service, UUID tenantId, DemoDataSize size) {
        try {
            return remoteServices.client(service, REMOTE_TIMEOUT).post()
                    .uri("/api/v1/{service}/tenant/{tenant_id}/demo-data?size={size}", service, tenantId,
                            size.name().toLowerCase(Locale.ROOT))
                    .retrieve()
                    .body(DemoDataReport.ServiceRows.class);
        } catch (HttpClientErrorException.Conflict e) {
            // That process stopped writing because the tenant is no longer ACTIVE: the same answer here.
            throw ApiProblem.conflict(remoteDetail(e).orElse("Tenant " + tenantId + " accepts no writes; writing"
                    + " stopped in " + service + ". The rows written until then are removed with the tenant."));
        } catch (RestClientException e) {
            throw new IllegalStateException("remote call failed: " + e.getMessage(), e);
        }
    }

    private static Optional<String> remoteDetail(HttpClientErrorException e) {
        try {
            return Optional.ofNullable(e.getResponseBodyAs(ProblemDetail.class)).map(ProblemDetail::getDetail);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
