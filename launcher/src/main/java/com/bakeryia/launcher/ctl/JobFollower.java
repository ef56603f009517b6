package com.bakeryia.launcher.ctl;

import java.time.Duration;
import java.time.Instant;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code --wait}: follows a job by reading it every {@link #POLL_INTERVAL} (the client repeats a
 * read the platform answers 429 or 503 to, after its Retry-After) and shows a progress bar on
 * standard error (redrawn in place on a terminal, one line per change otherwise), until the job
 * COMPLETED (exit 0), FAILED (1, naming the failed step and its error) or was CANCELLED (1). A
 * SCHEDULED job is not waited for (its window lasts days): its start is told and the command exits
 * 0, unless {@code --wait-scheduled} asks to wait through it. Bounded by {@code --wait-timeout}
 * (exit 7), measured on the console's clock.
 */
final class JobFollower {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final PlatformClient client;
    private final Output output;
    private final CtlConsole console;

    JobFollower(PlatformClient client, Output output, CtlConsole console) {
        this.client = client;
        this.output = output;
        this.console = console;
    }

    /** The {@code --wait} options of the commands that start or show a job. */
    static final class WaitOptions {

        @Option(names = "--wait", description = "Follow the job until it ends, with a progress bar on stderr.")
        boolean wait;

        @Option(names = "--wait-timeout", paramLabel = "<duration>", converter = Arguments.Span.class,
                description = "With --wait: give up after this long, exit 7 (default 30m; e.g. 90s, 10m, 2h).")
        Duration timeout;

        @Option(names = "--wait-scheduled", description = "With --wait (implied): wait through a SCHEDULED job's grace"
                + " window too, instead of telling when it starts and exiting 0.")
        boolean scheduled;

        boolean requested() {
            return wait || scheduled;
        }

        Duration timeout() {
            return timeout != null ? timeout : Duration.ofMinutes(30);
        }
    }

    /**
     * How following ended.
     *
     * @param job      the job as last read
     * @param exitCode 0 COMPLETED or SCHEDULED (not waited for), 1 FAILED or CANCELLED, 7 timed out
     * @param message  what to tell the person
     */
    record Outcome(JsonNode job, int exitCode, String message) {
    }

    Outcome follow(String jobId, WaitOptions options) {
        Instant deadline = console.clock().instant().plus(options.timeout());
        ProgressLine progress = new ProgressLine();
        try {
            while (true) {
                JsonNode job = client.get("/api/v1/deletion-jobs/" + jobId);
                String status = job.path("status").asText();
                Outcome ended = ended(jobId, job, status, options);
                if (ended != null) {
                    progress.show(job, true);
                    return ended;
                }
                progress.show(job, false);
                Instant now = console.clock().instant();
                if (!now.isBefore(deadline)) {
                    progress.end();
                    return new Outcome(job, CtlExit.WAIT_TIMED_OUT, "job " + jobId + " is still " + status + " after "
                            + Output.duration(options.timeout()) + " (--wait-timeout); follow it again with: ctl jobs show "
                            + jobId + " --wait");
                }
                Duration left = Duration.between(now, deadline);
                console.pauseFor(left.compareTo(POLL_INTERVAL) < 0 ? left : POLL_INTERVAL, CtlExit.WAIT_TIMED_OUT,
                        "while waiting for the job");
            }
        } finally {
            progress.end();
        }
    }

    /** The outcome when the job has ended (or is SCHEDULED and not to be waited for), else null. */
    private static Outcome ended(String jobId, JsonNode job, String status, WaitOptions options) {
        return switch (status) {
            case "COMPLETED" -> new Outcome(job, CtlExit.OK, "job " + jobId + " COMPLETED in "
                    + Output.duration(Duration.ofMillis(job.path("duration_ms").asLong())) + ": "
                    + Table.text(job.path("total_items_deleted").asLong()) + " rows deleted, "
                    + Table.text(job.path("total_items_anonymised").asLong()) + " anonymised; its certificate: ctl"
                    + " certificates fetch " + jobId);
            case "FAILED" -> new Outcome(job, CtlExit.FAILED, "job " + jobId + " FAILED: " + JobView.failure(job)
                    + "; once the cause is fixed: ctl jobs retry " + jobId + " --wait");
            case "CANCELLED" -> new Outcome(job, CtlExit.FAILED, "job " + jobId + " was CANCELLED (restored within its"
                    + " grace window): nothing was deleted");
            case "SCHEDULED" -> options.scheduled ? null : new Outcome(job, CtlExit.OK, "job " + jobId
                    + " is SCHEDULED: it starts deleting at " + Output.time(job.path("scheduled_for"))
                    + " (not waiting through the grace window; --wait-scheduled would)");
            default -> null;
        };
    }

    /** The progress on standard error: redrawn in place on a terminal, a line per change otherwise. */
    private final class ProgressLine {

        private String last;
        private boolean drawn;

        void show(JsonNode job, boolean finished) {
            JobProgress progress = JobProgress.of(job);
            if (console.errorIsTerminal()) {
                String bar = progress.bar();
                int clear = last == null ? 0 : Math.max(0, last.length() - bar.length());
                output.redraw(bar + " ".repeat(clear));
                last = bar;
                drawn = true;
            } else {
                String line = progress.line();
                if (!line.equals(last)) {
                    output.notice(line);
                    last = line;
                }
            }
            if (finished) {
                end();
            }
        }

        void end() {
            if (drawn) {
                output.err().println();
                output.err().flush();
                drawn = false;
            }
        }
    }
}
