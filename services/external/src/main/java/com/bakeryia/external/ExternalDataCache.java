package com.bakeryia.external;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The tenant's cached provider answers, in {@code external.external_data_cache}. */
@Component
class ExternalDataCache {

    /**
     * Reads stored payloads with Jackson's default caps, not the request caps of the application's
     * mapper: rows written before those caps existed must stay listable.
     */
    private static final JsonMapper STORED = JsonMapper.shared();

    private final ServiceDatabase db;
    private final JsonMapper json;
    private final Clock clock;

    ExternalDataCache(@Qualifier("external") ServiceDatabase db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the answer; an entry with the same source and key is replaced (a refresh), keeping its id. */
    CacheEntryView put(UUID tenantId, NewCacheEntry entry) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime expiresAt = entry.expiresAt().withOffsetSameInstant(ZoneOffset.UTC);
        UUID id = db.jdbc().queryForObject("""
                insert into external.external_data_cache
                    (id, tenant_id, source, cache_key, payload, fetched_at, expires_at, created_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (tenant_id, source, cache_key)
                do update set payload = excluded.payload, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at
                returning id""", UUID.class,
                UUID.randomUUID(), tenantId, entry.source(), entry.cacheKey(), json.writeValueAsString(entry.payload()),
                now, expiresAt, now);
        return new CacheEntryView(id, tenantId, entry.source(), entry.cacheKey(), json.valueToTree(entry.payload()),
                now, expiresAt);
    }

    /** Newest first, ties broken by id; optionally only one source. */
    List<CacheEntryView> list(UUID tenantId, String source, int limit, int offset) {
        return db.jdbc().query("""
                select id, tenant_id, source, cache_key, payload::text as payload, fetched_at, expires_at
                from external.external_data_cache where tenant_id = ? and (?::text is null or source = ?)
                order by fetched_at desc, id limit ? offset ?""",
                (row, index) -> new CacheEntryView(row.getObject("id", UUID.class),
                        row.getObject("tenant_id", UUID.class), row.getString("source"), row.getString("cache_key"),
                        STORED.readTree(row.getString("payload")), row.getObject("fetched_at", OffsetDateTime.class),
                        row.getObject("expires_at", OffsetDateTime.class)),
                tenantId, source, source, limit, offset);
    }
}
