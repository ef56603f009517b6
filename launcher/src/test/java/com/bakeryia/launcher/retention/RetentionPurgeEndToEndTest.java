package com.bakeryia.launcher.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.deletion.PurgedRows;
import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.orchestrator.certificate.CertificateKeys;
import com.bakeryia.orchestrator.certificate.DeletionCertificateSigner;
import com.bakeryia.orchestrator.certificate.SignedCertificate;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;
import com.bakeryia.orchestrator.job.DatabaseClock;
import com.bakeryia.orchestrator.job.JobStoreTables;
import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.orchestrator.retention.RetentionPurges;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.testsupport.SharedTestPostgres;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge at expiry, every service in one process, on the shared PostgreSQL: kept records whose
 * retain_until is before the database's date are deleted from the pos and sales archives in chunks
 * (of 2 here, so a pass takes several), those not yet due stay; the pass's signed certificate
 * verifies against the published keys and lists per service and table the rows purged and the
 * latest retain_until purged; the audit trail records it (and still verifies); a second pass finds
 * nothing, deletes nothing and issues nothing. Time is the database's: the expired records are
 * written with a retain_until in the past.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetentionPurgeEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ParticipantDirectory participants;

    @Autowired
    DataServices dataServices;

    @Autowired
    JobStoreTables tables;

    @Autowired
    DeletionAudit audit;

    @Autowired
    DeletionCertificateSigner signer;

    @Autowired
    CertificateKeys keys;

    @Autowired
    DatabaseClock clock;

    @Autowired
    RetentionPurges scheduledPurges;

    private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestPostgres.dataSource(SharedTestPostgres.DEFAULT_DATABASE));

    @Test
    void expiredKeptRecordsArePurgedInChunksCertifiedAndAuditedOnce() throws Exception {
        RetentionPurges purges = new RetentionPurges(participants, dataServices, tables, audit, (claims, issuedAt) -> {
            SignedCertificate signed = signer.sign(claims, issuedAt);
            return new DeletionCertificates.Signed(signed.jws(), signed.keyId());
        }, clock.clock(), 2);
        // Whatever another test left expired is purged first, so this test's pass purges its own records only.
        scheduledPurges.purge();

        UUID tenant = UUID.randomUUID();
        LocalDate today = jdbc.queryForObject("select (now() at time zone 'UTC')::date", LocalDate.class);
        archive("pos", tenant, "pos_transactions", LocalDate.of(2018, 12, 31));
        archive("pos", tenant, "pos_transactions", LocalDate.of(2019, 12, 31));
        archive("pos", tenant, "pos_transactions", today.minusDays(1));
        archive("pos", tenant, "pos_transaction_items", LocalDate.of(2019, 12, 31));
        archive("sales", tenant, "sales_records", LocalDate.of(2020, 12, 31));
        UUID dueToday = archive("pos", tenant, "pos_transactions", today);
        UUID dueLater = archive("sales", tenant, "sales_records", LocalDate.of(2099, 12, 31));

        Optional<RetentionPurges.Purge> first = purges.purge();

        assertThat(first).isPresent();
        RetentionPurges.Purge purge = first.get();
        assertThat(purge.purged()).isEqualTo(Map.of(
                "pos", Map.of("pos.pos_transactions", new PurgedRows(3, today.minusDays(1)),
                        "pos.pos_transaction_items", new PurgedRows(1, LocalDate.of(2019, 12, 31))),
                "sales", Map.of("sales.sales_records", new PurgedRows(1, LocalDate.of(2020, 12, 31)))));
        assertThat(jdbc.queryForList("select record_id from pos.retained_records where tenant_id = ?", UUID.class, tenant))
                .containsExactly(dueToday);
        assertThat(jdbc.queryForList("select record_id from sales.retained_records where tenant_id = ?", UUID.class, tenant))
                .containsExactly(dueLater);

        JWSObject jws = JWSObject.parse(purge.jws());
        ECKey key = (ECKey) keys.publicKeys().getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jws.getHeader().getType().getType()).isEqualTo(DeletionCertificateSigner.TYPE);
        JsonNode claims = JSON.readTree(jws.getPayload().toString());
        assertThat(claims.path("kind").asText()).isEqualTo(RetentionPurges.KIND);
        assertThat(claims.path("purge_id").asText()).isEqualTo(purge.id().toString());
        assertThat(claims.path("total_rows").asLong()).isEqualTo(5);
        JsonNode pos = claims.path("services").path("pos").path("pos.pos_transactions");
        assertThat(pos.path("rows").asLong()).isEqualTo(3);
        assertThat(pos.path("latest_retain_until").asText()).isEqualTo(today.minusDays(1).toString());
        assertThat(claims.path("services").path("sales").path("sales.sales_records").path("rows").asLong()).isEqualTo(1);
        assertThat(purges.certificate(purge.id())).contains(purge.jws());

        Map<String, Object> entry = jdbc.queryForMap("select actor, job_id, details::text as details, hash from"
                + " deletion.deletion_audit_entries where action = 'RETENTION_PURGED' and details ->> 'purge_id' = ?",
                purge.id().toString());
        assertThat(entry.get("actor")).isEqualTo(RetentionPurges.ACTOR);
        assertThat(entry.get("job_id")).isNull();
        assertThat(entry.get("hash")).isEqualTo(purge.auditHead());
        JsonNode details = JSON.readTree((String) entry.get("details"));
        assertThat(details.path("total_rows").asLong()).isEqualTo(5);
        assertThat(details.path("rows").path("pos.pos_transactions").asLong()).isEqualTo(3);
        assertThat(details.path("key_id").asText()).isEqualTo(purge.keyId());
        assertThat(audit.verify().valid()).isTrue();

        long certificates = jdbc.queryForObject("select count(*) from deletion.retention_purges", Long.class);
        long entries = jdbc.queryForObject("select count(*) from deletion.deletion_audit_entries"
                + " where action = 'RETENTION_PURGED'", Long.class);
        assertThat(purges.purge()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from deletion.retention_purges", Long.class)).isEqualTo(certificates);
        assertThat(jdbc.queryForObject("select count(*) from deletion.deletion_audit_entries"
                + " where action = 'RETENTION_PURGED'", Long.class)).isEqualTo(entries);

        jdbc.update("delete from pos.retained_records where tenant_id = ?", tenant);
        jdbc.update("delete from sales.retained_records where tenant_id = ?", tenant);
    }

    /** An archived record of the tenant with the given retain_until; answers its record id. */
    private UUID archive(String schema, UUID tenant, String table, LocalDate retainUntil) {
        UUID record = UUID.randomUUID();
        jdbc.update("insert into " + schema + ".retained_records (tenant_id, source_table, record_id, record_kind, record,"
                + " country, basis, catalogue_version, record_date, retain_until, retained_at)"
                + " values (?, ?, ?, 'TEST', '{}'::jsonb, 'ES', 'test basis', 'test', ?, ?, ?)",
                tenant, table, record, retainUntil.minusYears(6), retainUntil, OffsetDateTime.now());
        return record;
    }
}
