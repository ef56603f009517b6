package com.bakeryia.launcher.ctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * {@code ctl jobs list} as a request: {@code GET /api/v1/deletion-jobs?kind=&status=&subject_id=
 * &created_after=&created_before=&limit=&offset=}, answered with a page {@code {"items", "limit",
 * "offset"}}, newest first, each job without its steps but with its {@code failed_step}.
 *
 * @param kind     TENANT or USER, null for both
 * @param statuses the statuses wanted, empty for all
 * @param subject  the tenant or user deleted, null for all
 * @param since    created at or after, null for no bound
 * @param until    created before, null for no bound
 */
record JobListQuery(String kind, List<String> statuses, UUID subject, Instant since, Instant until, int limit,
                    int offset) {

    boolean filtered() {
        return kind != null || !statuses.isEmpty() || subject != null || since != null || until != null || offset > 0;
    }

    /** The page the platform answers: {@code {"items", "limit", "offset"}}. */
    JsonNode page(PlatformClient client) {
        return client.get("/api/v1/deletion-jobs?" + query());
    }

    String query() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (kind != null) {
            parameters.put("kind", kind);
        }
        if (!statuses.isEmpty()) {
            parameters.put("status", String.join(",", statuses));
        }
        if (subject != null) {
            parameters.put("subject_id", subject.toString());
        }
        if (since != null) {
            parameters.put("created_after", since.toString());
        }
        if (until != null) {
            parameters.put("created_before", until.toString());
        }
        parameters.put("limit", Integer.toString(limit));
        parameters.put("offset", Integer.toString(offset));
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
