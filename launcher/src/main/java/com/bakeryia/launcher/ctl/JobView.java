package com.bakeryia.launcher.ctl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A deletion job as {@code GET /api/v1/deletion-jobs/{job_id}} answers it, printed for people: its
 * facts, then one row per step (phase, service, status, attempts, rows, last error), in the order
 * the plan runs them.
 */
final class JobView {

    /** Every phase a job can have, in the order they run (the orchestrator's plan). */
    static final List<String> PHASES = List.of("PREPARE", "DELETE", "VERIFY", "SCAN", "FINAL");

    private JobView() {
    }

    /**
     * The job's facts, then its steps: every one, or (after a command that followed it) only those
     * that did not succeed.
     */
    static void print(Output output, JsonNode job, boolean everyStep) {
        Table facts = Table.facts();
        facts.row("Job", job.path("job_id").asText());
        facts.row("Kind", job.path("kind").asText());
        facts.row("Subject", job.path("subject_id").asText());
        facts.row("Status", output.status(job.path("status").asText()));
        if (job.hasNonNull("scheduled_for")) {
            facts.row("Scheduled for", Output.time(job.path("scheduled_for")));
        }
        facts.row("Asked by", initiator(job));
        facts.row("Created", Output.time(job.path("created_at")));
        facts.row("Started", Output.time(job.path("started_at")));
        facts.row("Finished", Output.time(job.path("completed_at")));
        facts.row("Duration", Output.duration(Duration.ofMillis(job.path("duration_ms").asLong())));
        facts.row("Rows deleted", Table.text(job.path("total_items_deleted").asLong()));
        facts.row("Rows anonymised", Table.text(job.path("total_items_anonymised").asLong()));
        facts.row("Services", job.path("services_completed").asInt() + " completed, "
                + job.path("services_failed").asInt() + " failed");
        for (JsonNode error : job.path("errors")) {
            facts.row("Error", error.asText());
        }
        output.table(facts);
        List<JsonNode> steps = steps(job);
        if (!everyStep) {
            steps = steps.stream().filter(step -> !"SUCCEEDED".equals(step.path("status").asText())).toList();
            if (steps.isEmpty()) {
                return;
            }
        }
        if (steps.isEmpty()) {
            output.line("");
            output.line("No steps yet" + ("SCHEDULED".equals(job.path("status").asText())
                    ? ": the job waits for its grace window to end." : "."));
            return;
        }
        Table table = new Table("PHASE", "SERVICE", "STATUS", "ATTEMPTS", "DELETED", "ANONYMISED", "LAST ERROR");
        for (JsonNode step : steps) {
            table.row(step.path("phase").asText(), step.path("service").asText(),
                    output.status(step.path("status").asText()),
                    step.path("attempts").asInt() + "/" + step.path("attempt_limit").asInt(),
                    step.path("items_deleted").asLong(), step.path("items_anonymised").asLong(),
                    step.path("last_error").isNull() ? null : step.path("last_error").asText(null));
        }
        output.line("");
        output.table(table);
    }

    /** A table of jobs: the list endpoint's items (newest first, as answered). */
    static void printList(Output output, List<JsonNode> jobs) {
        Table table = new Table("JOB", "KIND", "SUBJECT", "STATUS", "CREATED", "FINISHED", "DELETED", "FAILED STEP");
        for (JsonNode job : jobs) {
            table.row(job.path("job_id").asText(), job.path("kind").asText(), job.path("subject_id").asText(),
                    output.status(job.path("status").asText()), Output.time(job.path("created_at")),
                    Output.time(job.path("completed_at")), job.path("total_items_deleted").asLong(), failedStep(job));
        }
        output.table(table);
    }

    /** The steps of a job in the order the plan runs them, then by service. */
    static List<JsonNode> steps(JsonNode job) {
        List<JsonNode> steps = new ArrayList<>();
        job.path("service_results").forEach(steps::add);
        steps.sort(Comparator.comparingInt((JsonNode step) -> phaseIndex(step.path("phase").asText()))
                .thenComparing(step -> step.path("service").asText()));
        return steps;
    }

    static int phaseIndex(String phase) {
        int index = PHASES.indexOf(phase);
        return index < 0 ? PHASES.size() : index;
    }

    /**
     * The step that failed ({@code VERIFY orders}), null when none did: the list's {@code failed_step}
     * when it has one, else the first FAILED step of the job's steps.
     */
    static String failedStep(JsonNode job) {
        JsonNode failed = job.path("failed_step");
        if (failed.isString()) {
            return failed.asText();
        }
        if (failed.isObject()) {
            return (failed.path("phase").asText("") + " " + failed.path("service").asText("")).strip();
        }
        return steps(job).stream().filter(step -> "FAILED".equals(step.path("status").asText()))
                .map(step -> step.path("phase").asText() + " " + step.path("service").asText()).findFirst().orElse(null);
    }

    /** What a FAILED job's failed step last said, naming the step and its attempts. */
    static String failure(JsonNode job) {
        return steps(job).stream().filter(step -> "FAILED".equals(step.path("status").asText())).findFirst()
                .map(step -> "step " + step.path("phase").asText() + " " + step.path("service").asText() + " failed after "
                        + step.path("attempts").asInt() + " attempts: " + step.path("last_error").asText("(no error recorded)"))
                .orElseGet(() -> job.path("errors").isEmpty() ? "no step says why"
                        : String.join("; ", job.path("errors").valueStream().map(JsonNode::asText).toList()));
    }

    private static String initiator(JsonNode job) {
        if (job.hasNonNull("initiated_by")) {
            return "user " + job.path("initiated_by").asText();
        }
        if (job.hasNonNull("initiating_service")) {
            return "service " + job.path("initiating_service").asText();
        }
        return null;
    }
}
