package com.bakeryia.pos;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.UserTombstone;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.SettableClock;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's till receipts outlive its deletion as the law of its country says: deleted from their
 * tables, kept minimised (no cashier's id, only the catalogue's columns) in the archive with the
 * basis, the country and retain_until counted from the end of the receipt's calendar year; the
 * preview says so beforehand, and a second deletion keeps nothing twice.
 */
@SpringBootTest(classes = {PosTestApplication.class, PosRecordsKeptByLawTest.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PosRecordsKeptByLawTest {

    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        SettableClock clock() {
            return SettableClock.fixedAt(NOW);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("pos")
    ServiceDatabase db;

    @Autowired
    LocalDeletionParticipants participants;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ES, 2030-12-31, Código de Comercio art. 30",
            "DE, 2032-12-31, §147",
            "FR, 2034-12-31, L123-22",
            "IT, 2034-12-31, No rule in this catalogue"})
    void aTenantsReceiptsAreKeptMinimisedForItsCountrysPeriodAndDeletedFromTheBakerysTables(
            String country, LocalDate retainUntil, String basis) {
        ApiClient api = ApiClient.onPort(port);
        var owner = TenantFixture.register(api, "owner", UUID.randomUUID().toString().substring(0, 8));
        UUID tenant = UUID.fromString(api.post("/api/v1/tenants", owner.accessToken(),
                Map.of("name", "Bakery in " + country, "country", country)).json().path("id").asText());
        UUID receipt = seedReceipt(tenant, owner.userId(), Instant.parse("2024-03-05T09:30:00Z"));
        DeletionParticipant pos = participants.find("pos").orElseThrow();
        DeletionSubject subject = DeletionSubject.tenant(tenant);

        DeletionPreview preview = pos.preview(subject);
        DeletionResult result = pos.delete(subject, UUID.randomUUID());

        assertThat(preview.toRetain()).isEqualTo(Map.of("pos.pos_transactions", 1L, "pos.pos_transaction_items", 2L));
        assertThat(result.retained()).isEqualTo(preview.toRetain());
        assertThat(result.deleted()).containsEntry("pos.pos_transactions", 1L).containsEntry("pos.pos_transaction_items", 2L);
        assertThat(count("select count(*) from pos.pos_transactions where tenant_id = ?", tenant)).isZero();

        var kept = db.jdbc().queryForMap("select record::text as record, country, basis, catalogue_version, record_date,"
                + " retain_until, retained_at from pos.retained_records where tenant_id = ? and source_table = 'pos_transactions'",
                tenant);
        JsonNode record = JsonMapper.builder().build().readTree((String) kept.get("record"));
        assertThat(record.path("id").asText()).isEqualTo(receipt.toString());
        assertThat(record.path("total_amount").decimalValue()).isEqualByComparingTo("12.40");
        assertThat(record.path("created_by").asText()).isEqualTo(UserTombstone.ID.toString());
        assertThat((String) kept.get("record")).doesNotContain(owner.userId().toString());
        assertThat(kept.get("country")).isEqualTo(country);
        assertThat((String) kept.get("basis")).contains(basis);
        assertThat(kept.get("record_date").toString()).isEqualTo("2024-03-05");
        assertThat(kept.get("retain_until").toString()).isEqualTo(retainUntil.toString());
        assertThat(((Timestamp) kept.get("retained_at")).toInstant()).isEqualTo(NOW);
        assertThat(count("select count(*) from pos.retained_records where tenant_id = ?", tenant)).isEqualTo(3);

        DeletionResult again = pos.delete(subject, UUID.randomUUID());
        assertThat(again.totalDeleted()).isZero();
        assertThat(again.retained()).isEqualTo(result.retained());
        assertThat(count("select count(*) from pos.retained_records where tenant_id = ?", tenant)).isEqualTo(3);
        assertThat(pos.scan(subject).found()).isEmpty();
        assertThat(pos.scan(subject).retained()).contains("pos.retained_records.tenant_id");
    }

    private UUID seedReceipt(UUID tenant, UUID cashier, Instant at) {
        UUID configuration = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID transaction = UUID.randomUUID();
        db.jdbc().update("insert into pos.pos_configurations (id, tenant_id, name, provider, created_by) values (?, ?, 'Till', 'GENERIC', ?)",
                configuration, tenant, cashier);
        db.jdbc().update("insert into pos.pos_sessions (id, tenant_id, configuration_id, status, opening_cash, opened_by, opened_at)"
                + " values (?, ?, ?, 'OPEN', 0, ?, ?)", session, tenant, configuration, cashier, Timestamp.from(at));
        db.jdbc().update("insert into pos.pos_transactions (id, tenant_id, session_id, transaction_type, payment_method,"
                + " total_amount, tax_amount, occurred_at, created_by) values (?, ?, ?, 'SALE', 'CARD', 12.40, 1.13, ?, ?)",
                transaction, tenant, session, Timestamp.from(at), cashier);
        for (String product : List.of("Baguette", "Croissant")) {
            db.jdbc().update("insert into pos.pos_transaction_items (id, tenant_id, transaction_id, product_name, quantity,"
                    + " unit_price) values (?, ?, ?, ?, 2, 3.10)", UUID.randomUUID(), tenant, transaction, product);
        }
        return transaction;
    }

    private long count(String sql, UUID tenant) {
        return db.jdbc().queryForObject(sql, Long.class, tenant);
    }
}
