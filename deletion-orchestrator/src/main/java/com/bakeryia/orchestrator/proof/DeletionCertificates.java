package com.bakeryia.orchestrator.proof;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.job.StepPhase;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.at;

/**
 * Deletion certificates: one signed statement per COMPLETED job of what was deleted, anonymised
 * and retained, per service and table, what verification and the catalog scan checked, and the
 * audit chain's head right after the completion. Issued in the transaction that completes the job
 * ({@code engine.DeletionStepLeases}), stored as the compact JWS that was signed, never changed.
 *
 * <p>A user job's certificate is also handed to the erased person, who cannot log in afterwards:
 * every answer to their deletion request carries a fresh random token (the newest one counts;
 * only its SHA-256 is kept), which reads the certificate at
 * {@code GET /api/v1/deletion-certificates/{job_id}} (header {@code Deletion-Certificate-Token})
 * without logging in.
 */
public class DeletionCertificates {

    /** Signs a certificate's claims (adding {@code iss} and {@code iat}) with the current certificate key. */
    public interface Signer {
        Signed sign(Map<String, Object> claims, Instant issuedAt);
    }

    /** A compact JWS and the id of the key that signed it. */
    public record Signed(String jws, String keyId) {
    }

    /** A stored certificate. */
    public record Certificate(UUID jobId, String keyId, Instant issuedAt, String auditHead, String jws) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JobStoreTables tables;
    private final Signer signer;
    private final String certificates;
    private final String tokens;

    public DeletionCertificates(JobStoreTables tables, Signer signer) {
        this.tables = tables;
        this.signer = signer;
        this.certificates = tables.database().schema() + ".deletion_certificates";
        this.tokens = tables.database().schema() + ".deletion_certificate_tokens";
    }

    /**
     * Issues the job's certificate, in the caller's transaction (the one completing the job, with
     * the audit chain's lock held: {@code auditHead} is its head right after the completion), and
     * answers the audit entry that records the issue, for the caller to append next; does nothing
     * (and answers none) when the job has one already, so it is issued exactly once.
     */
    public List<DeletionAudit.Pending> issue(UUID jobId, String auditHead, Instant now) {
        return tables.transactions().execute(status -> {
            if (find(jobId).isPresent()) {
                return List.of();
            }
            Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> claims = claims(jobId, auditHead);
            Signed signed = signer.sign(claims, issuedAt);
            tables.sql().update("insert into " + certificates + " (job_id, key_id, issued_at, audit_head, jws)"
                    + " values (:job, :key, :at, :head, :jws)", new MapSqlParameterSource().addValue("job", jobId)
                    .addValue("key", signed.keyId()).addValue("at", at(issuedAt)).addValue("head", auditHead)
                    .addValue("jws", signed.jws()));
            return List.of(new DeletionAudit.Pending(now, DeletionAudit.Action.CERTIFICATE_ISSUED, jobId,
                    JobKind.valueOf((String) claims.get("kind")), UUID.fromString((String) claims.get("subject_id")),
                    DeletionAudit.WORKER,
                    DeletionAudit.details("key_id", signed.keyId(), "certificate_sha256", sha256(signed.jws()))));
        });
    }

    public Optional<Certificate> find(UUID jobId) {
        return tables.sql().query("select * from " + certificates + " where job_id = :job", Map.of("job", jobId),
                (rs, n) -> new Certificate(rs.getObject("job_id", UUID.class), rs.getString("key_id"),
                        JobStoreTables.instant(rs, "issued_at"), rs.getString("audit_head"), rs.getString("jws")))
                .stream().findFirst();
    }

    /**
     * A fresh hand-over token for a user job's certificate, valid together with every token given
     * out for the job before: the person's own token is never invalidated by a supervisor repeating
     * the request (support's {@code immediate=true}, an operator, a retry), each of whom gets one of
     * their own. Only its SHA-256 is stored. 256 random bits, URL-safe.
     */
    public String newHandOverToken(UUID jobId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tables.sql().update("insert into " + tokens + " (job_id, token_hash, issued_at) values (:job, :hash, now())"
                + " on conflict do nothing", Map.of("hash", sha256(token), "job", jobId));
        return token;
    }

    /** Whether {@code token} is one of the job's hand-over tokens (looked up by its hash, which is not secret). */
    public boolean handOverTokenMatches(UUID jobId, String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return false;
        }
        return !tables.sql().queryForList("select 1 from " + tokens + " where job_id = :job and token_hash = :hash",
                Map.of("job", jobId, "hash", sha256(token)), Integer.class).isEmpty();
    }

    /** The claims of a completed job's certificate, from the job store (read in the completing transaction). */
    private Map<String, Object> claims(UUID jobId, String auditHead) {
        var sql = tables.sql();
        Map<String, Object> job = sql.queryForObject("select kind, subject_id, created_at, completed_at from " + tables.jobs()
                + " where id = :job", Map.of("job", jobId), (rs, n) -> Map.of("kind", rs.getString("kind"),
                "subject_id", rs.getObject("subject_id", UUID.class),
                "created_at", JobStoreTables.instant(rs, "created_at"), "completed_at", JobStoreTables.instant(rs, "completed_at")));
        Map<String, Map<String, Map<String, Long>>> services = new TreeMap<>();
        Map<String, Map<String, Object>> verification = new TreeMap<>();
        Map<String, Object> retainedByLaw = new TreeMap<>();
        sql.query("select service, phase, counts from " + tables.steps() + " where job_id = :job order by service, phase",
                Map.of("job", jobId), rs -> {
                    String service = rs.getString("service");
                    StepPhase phase = StepPhase.valueOf(rs.getString("phase"));
                    Map<String, Object> stored = JSON.readValue(rs.getString("counts"), new TypeReference<Map<String, Object>>() { });
                    if (stored.get("retention") instanceof Map<?, ?> retention) {
                        // Per table: rows, basis, country, retain_until (the latest), as the DELETE step reported them.
                        retention.forEach((table, kept) -> retainedByLaw.put(String.valueOf(table), kept));
                    }
                    Map<String, Map<String, Long>> counts = numbers(stored);
                    Map<String, Map<String, Long>> ofService = services.computeIfAbsent(service, s -> emptyCounts());
                    for (String kind : List.of("deleted", "anonymised", "retained")) {
                        counts.getOrDefault(kind, Map.of()).forEach((table, rows) -> ofService.get(kind).merge(table, rows, Long::sum));
                    }
                    if (phase == StepPhase.VERIFY) {
                        verification.computeIfAbsent(service, s -> new TreeMap<>()).put("late_rows_deleted",
                                counts.getOrDefault("found_late", Map.of()).values().stream().mapToLong(Long::longValue).sum());
                        verification.get(service).put("rows_remaining", 0L);
                    }
                    // The scan: in the VERIFY step, or (jobs of the first plan) in a SCAN step of its own.
                    if (counts.containsKey("scanned")) {
                        Map<String, Long> scanned = counts.getOrDefault("scanned", Map.of());
                        Map<String, Object> ofScan = verification.computeIfAbsent(service, s -> new TreeMap<>());
                        ofScan.put("catalog_tables_scanned", scanned.getOrDefault("tables", 0L));
                        ofScan.put("catalog_columns_scanned", scanned.getOrDefault("columns", 0L));
                        ofScan.put("catalog_rows_found", scanned.getOrDefault("rows_found", 0L));
                    }
                });
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String kind : List.of("deleted", "anonymised", "retained")) {
            totals.put(kind, services.values().stream().flatMap(ofService -> ofService.get(kind).values().stream())
                    .mapToLong(Long::longValue).sum());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("job_id", jobId.toString());
        claims.put("kind", job.get("kind"));
        claims.put("subject_id", job.get("subject_id").toString());
        claims.put("requested_at", job.get("created_at").toString());
        claims.put("completed_at", job.get("completed_at").toString());
        claims.put("services", services);
        claims.put("totals", totals);
        claims.put("verification", Map.of(
                "checks", List.of("every service's count of the subject's remaining rows after its deletion (VERIFY)",
                        "an independent scan of every service's live catalog: every tenant_id column for a tenant,"
                                + " every uuid column and every column naming a person for a user (VERIFY, after the"
                                + " count; a SCAN step of its own in jobs created before)"),
                "services", verification,
                "rows_found", 0L));
        // What the law of the tenant's country keeps (GDPR Art. 17(3)(b)), per table: out of the bakery's
        // reach, minimised, readable only by a RECORDS_OFFICER, purged after retain_until.
        claims.put("retained_by_law", retainedByLaw);
        claims.put("audit_head", auditHead);
        return claims;
    }

    /** A step's counts: the maps of numbers in it (a PREPARE step also names tenants, which are not counts). */
    private static Map<String, Map<String, Long>> numbers(Map<String, Object> counts) {
        Map<String, Map<String, Long>> numbers = new LinkedHashMap<>();
        counts.forEach((kind, value) -> {
            if (value instanceof Map<?, ?> map) {
                Map<String, Long> ofKind = new LinkedHashMap<>();
                map.forEach((table, rows) -> {
                    if (rows instanceof Number number) {
                        ofKind.put(String.valueOf(table), number.longValue());
                    }
                });
                numbers.put(kind, ofKind);
            }
        });
        return numbers;
    }

    private static Map<String, Map<String, Long>> emptyCounts() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("deleted", new TreeMap<>());
        counts.put("anonymised", new TreeMap<>());
        counts.put("retained", new TreeMap<>());
        return counts;
    }

    /** The SHA-256 of {@code text} in lower-case hex. */
    static String sha256(String text) {
        return DeletionAudit.hash("", text);
    }
}
