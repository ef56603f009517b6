package com.bakeryia.external;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataSize;
import com.bakeryia.platform.demodata.TableCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The external share of generated data, about 2% of all rows: hourly weather and traffic answers,
 * holidays and events (1.5%), and hourly API usage counters (0.5%).
 */
@Component
class ExternalDemoData implements DemoDataContributor {

    private static final String[] SOURCES = {"WEATHER", "WEATHER", "TRAFFIC", "HOLIDAYS", "EVENTS"};
    private static final String[] PROVIDERS = {"aemet", "openweather", "tomtom", "calendarific"};

    private final ServiceDatabase db;
    private final Clock clock;

    ExternalDemoData(@Qualifier("external") ServiceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String service() {
        return "external";
    }

    @Override
    public Map<String, Long> generate(UUID tenantId, DemoDataSize size, List<UUID> memberIds) {
        var random = new SplittableRandom();
        long entries = Math.max(1, Math.round(size.totalRows() * 0.015));
        long usage = Math.max(1, Math.round(size.totalRows() * 0.005));
        OffsetDateTime hour = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        Map<String, Long> written = new LinkedHashMap<>();
        try (TableCopy copy = TableCopy.into(db, "external_data_cache",
                "id", "tenant_id", "source", "cache_key", "payload", "fetched_at", "expires_at")) {
            for (long e = 0; e < entries; e++) {
                String source = SOURCES[(int) (e % SOURCES.length)];
                OffsetDateTime fetched = hour.minusHours(entries - e);
                // The key fingerprints the provider request, so repeated runs never collide.
                String key = source.toLowerCase(Locale.ROOT) + ":" + Long.toHexString(random.nextLong());
                copy.row(UUID.randomUUID(), tenantId, source, key, payload(source, random), fetched,
                        fetched.plusHours(source.equals("HOLIDAYS") ? 24 * 30 : 6));
            }
            written.put("external.external_data_cache", copy.rows());
        }
        try (TableCopy copy = TableCopy.into(db, "api_key_usage",
                "id", "tenant_id", "provider", "endpoint", "period_start", "request_count", "error_count")) {
            for (long u = 0; u < usage; u++) {
                int requests = 5 + random.nextInt(200);
                String provider = PROVIDERS[(int) (u % PROVIDERS.length)];
                copy.row(UUID.randomUUID(), tenantId, provider, "/v1/" + provider + "/query",
                        hour.minusHours(usage - u), requests, random.nextInt(20) == 0 ? random.nextInt(5) : 0);
            }
            written.put("external.api_key_usage", copy.rows());
        }
        return written;
    }

    private static String payload(String source, SplittableRandom random) {
        return switch (source) {
            case "WEATHER" -> String.format(Locale.ROOT, "{\"temperature_c\": %.1f, \"precipitation_mm\": %.1f}",
                    -2 + random.nextDouble() * 34, random.nextInt(4) == 0 ? random.nextDouble() * 12 : 0.0);
            case "TRAFFIC" -> "{\"congestion_index\": " + random.nextInt(100) + "}";
            case "HOLIDAYS" -> "{\"holiday\": " + (random.nextInt(20) == 0) + "}";
            default -> "{\"event\": \"market\", \"expected_visitors\": " + (100 + random.nextInt(5000)) + "}";
        };
    }
}
