package com.bakeryia.launcher.ctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code ctl jobs list} as a request: {@code GET /api/v1/deletion-jobs?kind=&status=&subject_id=
 * &created_after=&created_before=&limit=&offset=}, answered with a page {@code {"items", "limit",
 * "offset"}}, newest first. A platform from before that list answers a plain array of its newest
 * 100 jobs and filters by status alone: the rest of the filters and the page are then applied
 * here, and the person is told that older jobs are not seen.
 *
 * @param kind     TENANT or USER, null for both
 * @param statuses the statuses wanted, empty for all
 * @param subject  the tenant or user deleted, null for all
 * @param since    created at or after, null for no bound
 * @param until    created before, null for no bound
 */
record JobListQuery(String kind, List<String> statuses, UUID subject, Instant since, Instant until, int limit,
                    int offset) {

    static final int OLD_LIST_SIZE = 100;

    /**
     * One page of jobs.
     *
     * @param document what {@code --json} prints: the platform's answer
     * @param jobs     the jobs of the page
     * @param notices  what the person should know about the answer
     */
    record Page(JsonNode document, List<JsonNode> jobs, List<String> notices) {
    }

    boolean filtered() {
        return kind != null || !statuses.isEmpty() || subject != null || since != null || until != null || offset > 0;
    }

    Page run(PlatformClient client) {
        JsonNode answer = client.get("/api/v1/deletion-jobs?" + query());
        if (!answer.isArray()) {
            List<JsonNode> jobs = new ArrayList<>();
            answer.path("items").forEach(jobs::add);
            return new Page(answer, jobs, List.of());
        }
        List<JsonNode> kept = new ArrayList<>();
        answer.forEach(job -> {
            if (matches(job)) {
                kept.add(job);
            }
        });
        List<JsonNode> page = kept.subList(Math.min(offset, kept.size()), Math.min(offset + limit, kept.size()));
        List<String> notices = answer.size() >= OLD_LIST_SIZE
                ? List.of("this platform lists only its newest " + OLD_LIST_SIZE + " jobs; older ones are not shown")
                : List.of();
        ArrayNode document = JsonNodeFactory.instance.arrayNode();
        page.forEach(document::add);
        return new Page(document, List.copyOf(page), notices);
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

    private boolean matches(JsonNode job) {
        Instant created = Instant.parse(job.path("created_at").asText());
        return (kind == null || kind.equals(job.path("kind").asText()))
                && (statuses.isEmpty() || statuses.contains(job.path("status").asText()))
                && (subject == null || subject.toString().equals(job.path("subject_id").asText()))
                && (since == null || !created.isBefore(since))
                && (until == null || created.isBefore(until));
    }
}
