package com.bakeryia.launcher.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How far a job has come, from one answer of {@code GET /api/v1/deletion-jobs/{job_id}}: steps
 * succeeded out of the steps its plan will have, the phase it is in, and the rows deleted so far.
 * A step exists only once it is queued, so the total is worked out from the plan's shape: PREPARE
 * and FINAL have one step, and VERIFY as many as DELETE (and SCAN too, in a job created before
 * VERIFY scanned the catalog); before DELETE has started (a user job in PREPARE) the total is not
 * known yet. Services move on by themselves, so the phase shown is the furthest one reached.
 *
 * @param status      the job's status
 * @param phase       the latest phase with steps, null before the first
 * @param succeeded   steps that succeeded
 * @param total       steps the job will have, -1 while unknown
 * @param rowsDeleted rows deleted so far
 */
record JobProgress(String status, String phase, int succeeded, int total, long rowsDeleted) {

    static final int BAR_WIDTH = 24;

    static JobProgress of(JsonNode job) {
        Map<String, Integer> stepsByPhase = new LinkedHashMap<>();
        int succeeded = 0;
        String phase = null;
        for (JsonNode step : JobView.steps(job)) {
            String stepPhase = step.path("phase").asText();
            stepsByPhase.merge(stepPhase, 1, Integer::sum);
            phase = stepPhase;
            if ("SUCCEEDED".equals(step.path("status").asText())) {
                succeeded++;
            }
        }
        return new JobProgress(job.path("status").asText(), phase, succeeded,
                total(job.path("kind").asText(), stepsByPhase), job.path("total_items_deleted").asLong());
    }

    private static int total(String kind, Map<String, Integer> stepsByPhase) {
        Integer sweep = stepsByPhase.getOrDefault("DELETE", stepsByPhase.getOrDefault("VERIFY", stepsByPhase.get("SCAN")));
        if (sweep == null) {
            return "USER".equals(kind) ? -1 : Math.max(1, stepsByPhase.values().stream().mapToInt(Integer::intValue).sum());
        }
        // Each swept service has a DELETE and a VERIFY step; a job created before VERIFY scanned the
        // catalog has a SCAN step each too, counted once its first SCAN step is there.
        int perService = stepsByPhase.containsKey("SCAN") ? 3 : 2;
        int total = ("USER".equals(kind) ? 1 : 0) + sweep * perService + 1;
        return Math.max(total, stepsByPhase.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** One line for a log or a pipe: {@code RUNNING  VERIFY  18/25 steps  1,234 rows deleted}. */
    String line() {
        return String.format(Locale.ROOT, "%s  %s  %d/%s steps  %,d rows deleted", status, phase == null ? "-" : phase,
                succeeded, total < 0 ? "?" : Integer.toString(total), rowsDeleted);
    }

    /** The line behind a bar of {@value #BAR_WIDTH} cells, for a terminal: {@code [#########...] RUNNING ...}. */
    String bar() {
        int filled = total <= 0 ? 0 : Math.min(BAR_WIDTH, succeeded * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + line();
    }
}
