package com.bakeryia.launcher.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How far a job has come, from one answer of {@code GET /api/v1/deletion-jobs/{job_id}}: steps
 * succeeded out of the steps its plan will have, the phase it is in, and the rows deleted so far.
 * A phase's steps exist only once it starts, so the total is worked out from the plan's shape:
 * PREPARE and FINAL have one step, and VERIFY and SCAN as many as DELETE; before DELETE has started
 * (a user job in PREPARE) the total is not known yet.
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
        List<String> phases = "USER".equals(kind) ? JobView.PHASES : JobView.PHASES.subList(1, JobView.PHASES.size());
        Integer sweep = stepsByPhase.getOrDefault("DELETE", stepsByPhase.getOrDefault("VERIFY", stepsByPhase.get("SCAN")));
        int total = 0;
        for (String phase : phases) {
            Integer steps = stepsByPhase.get(phase);
            if (steps == null) {
                steps = phase.equals("PREPARE") || phase.equals("FINAL") ? Integer.valueOf(1) : sweep;
            }
            if (steps == null) {
                return -1;
            }
            total += steps;
        }
        return Math.max(total, stepsByPhase.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** One line for a log or a pipe: {@code RUNNING  VERIFY  18/37 steps  1,234 rows deleted}. */
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
