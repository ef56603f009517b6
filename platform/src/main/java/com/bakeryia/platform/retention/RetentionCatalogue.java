package com.bakeryia.platform.retention;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The retention rules the platform applies, per jurisdiction and {@link RecordKind}: the bundled,
 * versioned {@code retention/catalogue.json} (or the operator's own file) with the operator's
 * overrides on top. Its rules are defaults for the operator's counsel to check ({@link #status()}).
 * A country without rules of its own gets the catalogue's fallback rules; a kind a jurisdiction
 * does not name is not kept there.
 */
public final class RetentionCatalogue {

    /** The key of the fallback rules in {@code bakery.retention.overrides}. */
    public static final String FALLBACK = "fallback";

    /** Where the bundled catalogue is on the class path. */
    public static final String BUNDLED = "retention/catalogue.json";

    private final String version;
    private final String status;
    private final Map<String, Jurisdiction> jurisdictions;
    private final Jurisdiction fallback;

    private RetentionCatalogue(String version, String status, Map<String, Jurisdiction> jurisdictions, Jurisdiction fallback) {
        this.version = version;
        this.status = status;
        this.jurisdictions = Map.copyOf(jurisdictions);
        this.fallback = fallback;
    }

    /**
     * The rules of one jurisdiction.
     *
     * @param country  its country; {@code null} for the fallback
     * @param name     its name, as people read it
     * @param fallback whether these are the fallback rules (the country has none of its own)
     * @param rules    a rule for every kind it keeps
     */
    public record Jurisdiction(Country country, String name, boolean fallback, Map<RecordKind, RetentionRule> rules) {

        public Jurisdiction {
            rules = rules.isEmpty() ? Map.of() : new EnumMap<>(rules);
        }

        /** The rule for the kind; a rule of 0 years (not kept) when the jurisdiction names none. */
        public RetentionRule rule(RecordKind kind) {
            return Optional.ofNullable(rules.get(kind))
                    .orElseGet(() -> new RetentionRule(kind, country, 0, "not kept: no rule for this kind of record", List.of()));
        }
    }

    /** The catalogue as these settings make it: the bundled or configured file, with their overrides. */
    public static RetentionCatalogue of(RetentionProperties properties) {
        RetentionCatalogue read;
        if (properties.catalogueFile() != null) {
            try (InputStream in = Files.newInputStream(properties.catalogueFile())) {
                read = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("bakery.retention.catalogue-file: cannot read " + properties.catalogueFile(), e);
            }
        } else {
            read = bundled();
        }
        return read.withOverrides(properties.overrides());
    }

    /** The catalogue bundled with the platform, without overrides. */
    public static RetentionCatalogue bundled() {
        try (InputStream in = RetentionCatalogue.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled retention catalogue " + BUNDLED + " is missing");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalogue in the bundled file's format.
     *
     * @throws IllegalArgumentException naming what is wrong: no version, an unknown country or kind, a rule without basis
     */
    public static RetentionCatalogue read(InputStream json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        String version = text(root, "version", "the catalogue");
        if (!"END_OF_CALENDAR_YEAR".equals(root.path("counted_from").asString("END_OF_CALENDAR_YEAR"))) {
            throw new IllegalArgumentException("retention catalogue: counted_from must be END_OF_CALENDAR_YEAR");
        }
        Map<String, Jurisdiction> jurisdictions = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("jurisdictions").properties()) {
            Country country = Country.of(entry.getKey());
            jurisdictions.put(country.code(), jurisdiction(country, entry.getValue()));
        }
        if (!root.has(FALLBACK)) {
            throw new IllegalArgumentException("retention catalogue: no fallback rules");
        }
        return new RetentionCatalogue(version, root.path("status").asString(""), jurisdictions,
                jurisdiction(null, root.path(FALLBACK)));
    }

    private static Jurisdiction jurisdiction(Country country, JsonNode node) {
        String where = country == null ? FALLBACK : country.code();
        Map<RecordKind, RetentionRule> rules = new EnumMap<>(RecordKind.class);
        for (Map.Entry<String, JsonNode> rule : node.path("rules").properties()) {
            RecordKind kind = kind(rule.getKey(), where);
            JsonNode body = rule.getValue();
            if (!body.path("years").isInt()) {
                throw new IllegalArgumentException("retention catalogue: " + where + " " + kind + ": years must be a whole number");
            }
            List<String> kept = new ArrayList<>();
            body.path("kept").forEach(column -> kept.add(column.asString()));
            rules.put(kind, new RetentionRule(kind, country, body.path("years").asInt(),
                    text(body, "basis", where + " " + kind), kept));
        }
        return new Jurisdiction(country, text(node, "name", where), country == null, rules);
    }

    private static RecordKind kind(String name, String where) {
        try {
            return RecordKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retention catalogue: " + where + ": unknown kind of record " + name
                    + " (known: " + List.of(RecordKind.values()) + ")");
        }
    }

    private static String text(JsonNode node, String field, String where) {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("retention catalogue: " + where + ": " + field + " is missing");
        }
        return value;
    }

    /** This catalogue with the rules replaced as the overrides say (keyed as {@link RetentionProperties#overrides()}). */
    RetentionCatalogue withOverrides(Map<String, Map<String, RetentionProperties.RuleOverride>> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, Jurisdiction> changed = new TreeMap<>(jurisdictions);
        Jurisdiction changedFallback = fallback;
        for (var entry : overrides.entrySet()) {
            boolean isFallback = FALLBACK.equals(entry.getKey());
            Jurisdiction base = isFallback ? fallback : jurisdictions.getOrDefault(entry.getKey(),
                    new Jurisdiction(Country.of(entry.getKey()), entry.getKey(), false, Map.of()));
            Map<RecordKind, RetentionRule> rules = new EnumMap<>(RecordKind.class);
            rules.putAll(base.rules());
            entry.getValue().forEach((kindName, override) -> {
                RecordKind kind = kind(kindName, "bakery.retention.overrides." + entry.getKey());
                RetentionRule was = base.rule(kind);
                rules.put(kind, new RetentionRule(kind, base.country(),
                        override.years() != null ? override.years() : was.years(),
                        override.basis() != null ? override.basis()
                                : override.years() != null ? was.basis() + " (period set by the operator)" : was.basis(),
                        override.kept() != null ? override.kept() : was.kept()));
            });
            Jurisdiction overridden = new Jurisdiction(base.country(), base.name(), isFallback, rules);
            if (isFallback) {
                changedFallback = overridden;
            } else {
                changed.put(entry.getKey(), overridden);
            }
        }
        return new RetentionCatalogue(version + "+overrides", status, changed, changedFallback);
    }

    /** The catalogue's version; {@code +overrides} appended when the operator overrode rules. */
    public String version() {
        return version;
    }

    /** Whose rules these are and who must check them, as the file says. */
    public String status() {
        return status;
    }

    /** The rules for the country: its own, or the fallback's when the catalogue has none for it. */
    public Jurisdiction jurisdiction(Country country) {
        return Optional.ofNullable(jurisdictions.get(country.code())).orElse(fallback);
    }

    /** The rule for a kind of record in the country. */
    public RetentionRule rule(Country country, RecordKind kind) {
        return jurisdiction(country).rule(kind);
    }

    /** The jurisdictions with rules of their own, by country code. */
    public Map<String, Jurisdiction> jurisdictions() {
        return jurisdictions;
    }

    /** The rules of every country without rules of its own. */
    public Jurisdiction fallback() {
        return fallback;
    }
}
