package com.bakeryia.platform.retention;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionCatalogueTest {

    final RetentionCatalogue bundled = RetentionCatalogue.bundled();

    @Test
    void theBundledCatalogueIsVersionedAndSaysItsRulesAreDefaultsForCounsel() {
        assertThat(bundled.version()).isNotBlank();
        assertThat(bundled.status()).contains("DEFAULTS").contains("counsel");
        assertThat(bundled.jurisdictions()).containsKeys("ES", "DE", "FR");
    }

    @Test
    void everyCataloguedJurisdictionAndTheFallbackHaveARuleWithABasisForEveryKindOfRecord() {
        var all = new java.util.ArrayList<>(bundled.jurisdictions().values());
        all.add(bundled.fallback());
        for (var jurisdiction : all) {
            for (RecordKind kind : RecordKind.values()) {
                RetentionRule rule = jurisdiction.rule(kind);
                assertThat(rule.retains()).as(jurisdiction.name() + " " + kind).isTrue();
                assertThat(rule.basis()).as(jurisdiction.name() + " " + kind).isNotBlank();
                assertThat(rule.kept()).as(jurisdiction.name() + " " + kind).contains("id").doesNotContain(
                        "created_by", "recorded_by", "notes", "customer_id", "approved_by", "received_by");
            }
        }
    }

    @Test
    void periodsFollowEachCountrysLawCountedFromTheEndOfTheRecordsCalendarYear() {
        LocalDate receipt = LocalDate.of(2024, 3, 5);
        assertThat(bundled.rule(Country.of("ES"), RecordKind.POS_TRANSACTIONS).retainUntil(receipt))
                .isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(bundled.rule(Country.of("DE"), RecordKind.POS_TRANSACTIONS).retainUntil(receipt))
                .isEqualTo(LocalDate.of(2032, 12, 31));
        assertThat(bundled.rule(Country.of("DE"), RecordKind.SALES_RECORDS).years()).isEqualTo(10);
        assertThat(bundled.rule(Country.of("FR"), RecordKind.POS_TRANSACTIONS).retainUntil(receipt))
                .isEqualTo(LocalDate.of(2034, 12, 31));
        assertThat(bundled.rule(Country.of("DE"), RecordKind.POS_TRANSACTIONS).basis()).contains("§147").contains("§14b UStG");
        assertThat(bundled.rule(Country.of("ES"), RecordKind.POS_TRANSACTIONS).basis()).contains("Código de Comercio art. 30");
        assertThat(bundled.rule(Country.of("FR"), RecordKind.POS_TRANSACTIONS).basis()).contains("L123-22");
    }

    @Test
    void aCountryWithoutRulesOfItsOwnGetsTheFallback() {
        var italy = bundled.jurisdiction(Country.of("it"));
        assertThat(italy.fallback()).isTrue();
        assertThat(italy.rule(RecordKind.CUSTOMER_ORDERS).years()).isEqualTo(10);
    }

    @Test
    void theOperatorOverridesOneRuleAndTheVersionSaysSo() {
        var properties = new RetentionProperties("DE", null, Map.of(
                "de", Map.of("customer_orders", new RetentionProperties.RuleOverride(8, null, null)),
                "IT", Map.of("POS_TRANSACTIONS", new RetentionProperties.RuleOverride(10, "Codice civile art. 2220", null)),
                "fallback", Map.of("SALES_RECORDS", new RetentionProperties.RuleOverride(0, null, null))));
        RetentionCatalogue catalogue = RetentionCatalogue.of(properties);

        assertThat(catalogue.version()).isEqualTo(bundled.version() + "+overrides");
        assertThat(catalogue.rule(Country.of("DE"), RecordKind.CUSTOMER_ORDERS).years()).isEqualTo(8);
        assertThat(catalogue.rule(Country.of("DE"), RecordKind.CUSTOMER_ORDERS).basis()).endsWith("(period set by the operator)");
        assertThat(catalogue.rule(Country.of("DE"), RecordKind.POS_TRANSACTIONS).years()).isEqualTo(8);
        assertThat(catalogue.rule(Country.of("IT"), RecordKind.POS_TRANSACTIONS).basis()).isEqualTo("Codice civile art. 2220");
        assertThat(catalogue.rule(Country.of("IT"), RecordKind.SALES_RECORDS).retains()).isFalse();
        assertThat(catalogue.rule(Country.of("PT"), RecordKind.SALES_RECORDS).retains()).isFalse();
        assertThat(catalogue.rule(Country.of("PT"), RecordKind.POS_TRANSACTIONS).years()).isEqualTo(10);
        assertThat(properties.defaultCountry()).isEqualTo(new Country("DE"));
    }

    @Test
    void aCatalogueOrSettingThatIsWrongIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> read("{\"version\":\"1\",\"jurisdictions\":{\"XX\":{}},\"fallback\":{\"name\":\"f\"}}"))
                .hasMessageContaining("XX");
        assertThatThrownBy(() -> read("{\"version\":\"1\",\"jurisdictions\":{},\"fallback\":{\"name\":\"f\",\"rules\":"
                + "{\"RECEIPTS\":{\"years\":1,\"basis\":\"b\"}}}}")).hasMessageContaining("RECEIPTS");
        assertThatThrownBy(() -> read("{\"jurisdictions\":{},\"fallback\":{\"name\":\"f\"}}")).hasMessageContaining("version");
        assertThatThrownBy(() -> new RetentionProperties("Spain", null, null)).hasMessageContaining("Spain");
        assertThatThrownBy(() -> Country.of("UK")).hasMessageContaining("UK");
        assertThat(Country.isValid("gb")).isTrue();
        assertThat(List.of(Country.of(" fr ").code())).containsExactly("FR");
    }

    private static RetentionCatalogue read(String json) {
        return RetentionCatalogue.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
