package com.bakeryia.platform.retention;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention settings under {@code bakery.retention.*}.
 *
 * @param defaultCountry the jurisdiction of a tenant created without one, and of every tenant that
 *                       existed before tenants had one (ISO 3166-1 alpha-2); default {@code ES}
 * @param catalogueFile  a catalogue file that replaces the bundled {@code retention/catalogue.json}
 *                       as a whole (same format); unset: the bundled one
 * @param overrides      rules that replace single rules of the catalogue, keyed by country code (or
 *                       {@code fallback}) and then by {@link RecordKind} name, for example
 *                       {@code bakery.retention.overrides.DE.CUSTOMER_ORDERS.years=8}
 */
@ConfigurationProperties("bakery.retention")
public record RetentionProperties(Country defaultCountry, Path catalogueFile, Map<String, Map<String, RuleOverride>> overrides) {

    @ConstructorBinding
    public RetentionProperties(@DefaultValue("ES") String defaultCountry, Path catalogueFile,
                               Map<String, Map<String, RuleOverride>> overrides) {
        this(country(defaultCountry), catalogueFile, overrides);
    }

    public RetentionProperties {
        Map<String, Map<String, RuleOverride>> normalised = new TreeMap<>();
        if (overrides != null) {
            overrides.forEach((jurisdiction, rules) -> {
                Map<String, RuleOverride> byKind = new TreeMap<>();
                rules.forEach((kind, rule) -> byKind.put(kind.toUpperCase(Locale.ROOT), rule));
                normalised.put(jurisdiction.equalsIgnoreCase(RetentionCatalogue.FALLBACK) ? RetentionCatalogue.FALLBACK
                        : country(jurisdiction).code(), Map.copyOf(byKind));
            });
        }
        overrides = Map.copyOf(normalised);
    }

    /** The bundled catalogue with no overrides and {@code ES} as the default country. */
    public static RetentionProperties defaults() {
        return new RetentionProperties("ES", null, null);
    }

    private static Country country(String code) {
        if (!Country.isValid(code)) {
            throw new IllegalArgumentException("bakery.retention: not an ISO 3166-1 alpha-2 country code: " + code);
        }
        return Country.of(code);
    }

    /**
     * One rule replaced by the operator; what it leaves unset stays as the catalogue says.
     *
     * @param years how many years after the end of the record's calendar year it is kept; 0: not kept
     * @param basis the law and article, as text
     * @param kept  the columns that survive
     */
    public record RuleOverride(Integer years, String basis, List<String> kept) {
    }
}
