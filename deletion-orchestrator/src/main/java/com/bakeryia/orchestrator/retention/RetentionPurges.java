package com.bakeryia.orchestrator.retention;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.PurgedRows;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.platform.deletion.DataServices;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import static com.bakeryia.orchestrator.job.JobStoreTables.at;

/**
 * The purge at expiry of the records the law keeps: one pass asks every data service, in chunks,
 * to delete the records of its archive whose {@code retain_until} has passed by its database's
 * date, and when anything was deleted, signs a certificate of its own (per service and table: rows
 * purged and the latest retain_until purged), stores it and appends {@code RETENTION_PURGED} to the
 * audit trail, in one transaction. A pass that deletes nothing issues and records nothing.
 *
 * <p>Several replicas may run passes at once: a service deletes each expired record in exactly one
 * chunk (the rows a concurrent chunk holds are skipped), so each record is counted by exactly one
 * pass's certificate. What is not covered: a process that dies between a service's chunk and the
 * certificate leaves those records purged without a certificate (the deletions are in the
 * services' databases, the certificate in the orchestrator's).
 */
public class RetentionPurges {

    /** The actor of the purge's audit entry. */
    public static final String ACTOR = "system:retention-purge";

    /** A certificate's {@code kind}: a purge of expired kept records. */
    public static final String KIND = "RETENTION_PURGE";

    /** An issued purge certificate. */
    public record Purge(UUID id, Instant issuedAt, String keyId, String jws, String auditHead,
                        Map<String, Map<String, PurgedRows>> purged) {
    }

    private final ParticipantDirectory participants;
    private final DataServices dataServices;
    private final JobStoreTables tables;
    private final DeletionAudit audit;
    private final DeletionCertificates.Signer signer;
    private final Clock clock;
    private final int chunkRows;
    private final String table;

    public RetentionPurges(ParticipantDirectory participants, DataServices dataServices, JobStoreTables tables,
                           DeletionAudit audit, DeletionCertificates.Signer signer, Clock clock, int chunkRows) {
        this.participants = participants;
        this.dataServices = dataServices;
        this.tables = tables;
        this.audit = audit;
        this.signer = signer;
        this.clock = clock;
        this.chunkRows = chunkRows;
        this.table = tables.database().schema() + ".retention_purges";
    }

    /** One pass; answers its certificate, or nothing when nothing had expired. */
    public Optional<Purge> purge() {
        Map<String, Map<String, PurgedRows>> purged = new TreeMap<>();
        for (String service : dataServices.names()) {
            DeletionParticipant participant = participants.participant(service);
            while (true) {
                Map<String, PurgedRows> chunk = participant.purgeExpiredRetained(chunkRows);
                chunk.forEach((source, rows) -> purged.computeIfAbsent(service, s -> new TreeMap<>())
                        .merge(source, rows, PurgedRows::plus));
                if (chunk.values().stream().mapToLong(PurgedRows::rows).sum() < chunkRows) {
                    break;
                }
            }
        }
        if (purged.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(certify(purged));
    }

    /** The stored certificate of a purge. */
    public Optional<String> certificate(UUID purgeId) {
        return tables.sql().queryForList("select jws from " + table + " where id = :id", Map.of("id", purgeId),
                String.class).stream().findFirst();
    }

    private Purge certify(Map<String, Map<String, PurgedRows>> purged) {
        UUID id = UUID.randomUUID();
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> services = new TreeMap<>();
        Map<String, Object> rows = new TreeMap<>();
        long total = 0;
        for (var service : purged.entrySet()) {
            Map<String, Object> ofService = new TreeMap<>();
            for (var source : service.getValue().entrySet()) {
                ofService.put(source.getKey(), Map.of("rows", source.getValue().rows(),
                        "latest_retain_until", source.getValue().latestRetainUntil().toString()));
                rows.put(source.getKey(), source.getValue().rows());
                total += source.getValue().rows();
            }
            services.put(service.getKey(), ofService);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("purge_id", id.toString());
        claims.put("kind", KIND);
        claims.put("purged_at", issuedAt.toString());
        claims.put("services", services);
        claims.put("total_rows", total);
        DeletionCertificates.Signed signed = signer.sign(claims, issuedAt);
        long purgedRows = total;
        String head = tables.transactions().execute(status -> {
            tables.sql().update("insert into " + table + " (id, key_id, issued_at, jws) values (:id, :key, :at, :jws)",
                    new MapSqlParameterSource("id", id).addValue("key", signed.keyId()).addValue("at", at(issuedAt))
                            .addValue("jws", signed.jws()));
            return audit.append(issuedAt, DeletionAudit.Action.RETENTION_PURGED, null, null, null, ACTOR,
                    DeletionAudit.details("purge_id", id.toString(), "key_id", signed.keyId(),
                            "certificate_sha256", sha256(signed.jws()), "rows", rows, "total_rows", purgedRows));
        });
        return new Purge(id, issuedAt, signed.keyId(), signed.jws(), head, purged);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
