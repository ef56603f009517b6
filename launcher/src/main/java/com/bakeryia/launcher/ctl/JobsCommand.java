package com.bakeryia.launcher.ctl;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code ctl jobs list|show|retry|stats}: the deletion jobs. */
@Command(name = "jobs", synopsisSubcommandLabel = "<command>",
        description = "Deletion jobs: list them, show one (and follow it), retry a FAILED one, count them.")
final class JobsCommand extends CommandGroup {

    enum Kind { TENANT, USER }

    enum Status { SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, CANCELLED }

    @Command(name = "list", sortOptions = false, description = {"Jobs, newest first, filtered.",
            "Columns: job, kind, subject, status, created, finished, rows deleted, the failed step."})
    int list(@Option(names = "--kind", paramLabel = "TENANT|USER", description = "Only jobs of this kind.") Kind kind,
             @Option(names = "--status", split = ",", paramLabel = "<status>",
                     description = "Only jobs in these statuses (repeat it or separate with commas): SCHEDULED,"
                             + " PENDING, RUNNING, COMPLETED, FAILED, CANCELLED.") List<Status> statuses,
             @Option(names = "--subject", paramLabel = "<id>", converter = Arguments.Id.class,
                     description = "Only jobs deleting this tenant or user.") UUID subject,
             @Option(names = "--since", paramLabel = "<time>", description = "Only jobs created at or after this: an"
                     + " instant (2026-03-01T12:00:00Z), a day (2026-03-01) or a time ago (24h, 7d).") String since,
             @Option(names = "--until", paramLabel = "<time>", description = "Only jobs created before this (same forms).")
             String until,
             @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50",
                     description = "At most this many jobs (default ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--offset", paramLabel = "<n>", defaultValue = "0",
                     description = "Skip this many of the newest first (default ${DEFAULT-VALUE}).") int offset) {
        if (limit < 1) {
            throw CtlFailure.usage("--limit must be 1 or more, not " + limit);
        }
        if (offset < 0) {
            throw CtlFailure.usage("--offset must be 0 or more, not " + offset);
        }
        JobListQuery query = new JobListQuery(kind == null ? null : kind.name(),
                statuses == null ? List.of() : statuses.stream().map(Enum::name).distinct().toList(), subject,
                since == null ? null : Arguments.instant("--since", since, ctl.console().clock()),
                until == null ? null : Arguments.instant("--until", until, ctl.console().clock()), limit, offset);
        JsonNode page = query.page(ctl.client());
        Output output = ctl.output();
        if (output.json()) {
            output.document(page);
            return CtlExit.OK;
        }
        List<JsonNode> jobs = page.path("items").valueStream().toList();
        if (jobs.isEmpty()) {
            output.notice("No jobs" + (query.filtered() ? " match" : " yet") + (offset > 0 ? " at this offset." : "."));
        } else {
            JobView.printList(output, jobs);
            if (jobs.size() == limit) {
                output.notice("More may follow: --offset " + (offset + limit));
            }
        }
        return CtlExit.OK;
    }

    @Command(name = "show", sortOptions = false,
            description = "A job: its facts, and each step with phase, status, attempts, rows and last error.")
    int show(@Parameters(paramLabel = "<job_id>", converter = Arguments.Id.class) UUID jobId,
             @Mixin JobFollower.WaitOptions wait) {
        if (wait.requested()) {
            return ctl.follow(jobId.toString(), wait, true);
        }
        JsonNode job = ctl.client().get("/api/v1/deletion-jobs/" + jobId);
        if (ctl.output().json()) {
            ctl.output().document(job);
        } else {
            JobView.print(ctl.output(), job, true);
        }
        return CtlExit.OK;
    }

    @Command(name = "retry", sortOptions = false,
            description = "Runs the steps of a FAILED job that did not succeed again (exit 5 when it has not failed).")
    int retry(@Parameters(paramLabel = "<job_id>", converter = Arguments.Id.class) UUID jobId,
              @Mixin JobFollower.WaitOptions wait) {
        JsonNode job = ctl.client().post("/api/v1/deletion-jobs/" + jobId + "/retry");
        return ctl.started(job, jobId.toString(), wait, () -> {
            long again = JobView.steps(job).stream().filter(step -> !"SUCCEEDED".equals(step.path("status").asText())).count();
            ctl.output().line("Job " + jobId + " is " + job.path("status").asText() + " again: " + again
                    + (again == 1 ? " step runs" : " steps run") + " again.");
        });
    }

    @Command(name = "stats", description = "How many jobs are scheduled, pending, running and FAILED now, the job FAILED"
            + " longest, and how fast rows go.")
    int stats() {
        JsonNode stats = ctl.client().get("/api/v1/deletion-jobs/stats");
        Output output = ctl.output();
        if (output.json()) {
            output.document(stats);
            return CtlExit.OK;
        }
        Table facts = Table.facts();
        facts.row("Scheduled", Table.text(stats.path("scheduled").asLong()));
        facts.row("Pending", Table.text(stats.path("pending").asLong()));
        facts.row("Running", Table.text(stats.path("running").asLong()));
        facts.row("Failed", Table.text(stats.path("failed").asLong()));
        if (stats.hasNonNull("oldest_failed_job_id")) {
            facts.row("Failed longest", stats.path("oldest_failed_job_id").asText() + ", since "
                    + Output.time(stats.path("oldest_failed_at")));
        }
        facts.row("Rows deleted", Table.text(stats.path("rows_deleted_last_hour").asLong()) + " in the last hour, "
                + String.format(Locale.ROOT, "%,.2f", stats.path("rows_deleted_per_minute").asDouble())
                + " a minute over the last 15 minutes");
        output.table(facts);
        return CtlExit.OK;
    }
}
