package com.bakeryia.launcher.ctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command's results and messages go. Results on standard output: aligned tables for
 * people, or with {@code --json} the platform's JSON, pretty, one document and nothing else, for
 * scripts. Messages, prompts and progress on standard error, so a pipe gets results only. Status
 * words are coloured only on a terminal, and never when {@code NO_COLOR} is set (no-color.org) or
 * {@code TERM=dumb}. Everything printed passes through {@link PrintableText}: control characters in
 * what the platform answers (a tenant's name, an error text) reach the terminal escaped.
 */
final class Output {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintWriter rawErr;
    private final boolean json;
    private final boolean colour;

    Output(PrintWriter out, PrintWriter err, boolean json, CtlConsole console) {
        this.out = new PrintWriter(PrintableText.writer(out), true);
        this.err = new PrintWriter(PrintableText.writer(err), true);
        this.rawErr = err;
        this.json = json;
        this.colour = console.outputIsTerminal() && console.variable("NO_COLOR") == null
                && !"dumb".equals(console.variable("TERM"));
    }

    /** Whether results are JSON for a script ({@code --json}). */
    boolean json() {
        return json;
    }

    /** A JSON document as the one result on standard output. */
    void document(JsonNode document) {
        // JSON escapes the C0 controls in its strings; what it leaves (DEL, C1, bidirectional
        // overrides) is escaped the JSON way, so the document still parses to the same values.
        out.println(PrintableText.json(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document)));
        out.flush();
    }

    /** A line of a human result on standard output; a line feed in it (from the platform) is shown as {@code \n}. */
    void line(String text) {
        out.println(PrintableText.inline(text));
        out.flush();
    }

    void table(Table table) {
        table.print(out);
        out.flush();
    }

    /** A message for the person on standard error. */
    void notice(String text) {
        err.println(PrintableText.inline(text));
        err.flush();
    }

    /** Redraws the progress line in place on a terminal: a carriage return of ctl's own, then the line, escaped. */
    void redraw(String line) {
        rawErr.print("\r");
        rawErr.flush();
        err.print(line);
        err.flush();
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** A job's or a step's status, coloured by what it means when colours are on. */
    String status(String status) {
        if (!colour || status == null) {
            return status;
        }
        String code = switch (status) {
            case "COMPLETED", "SUCCEEDED" -> "32";
            case "FAILED" -> "31";
            case "RUNNING", "PENDING" -> "33";
            case "SCHEDULED" -> "36";
            case "CANCELLED" -> "35";
            default -> null;
        };
        return code == null ? status : "\u001B[" + code + "m" + status + "\u001B[0m";
    }

    /** An instant of the API to the second ({@code 2026-03-01T12:00:05Z}), null when absent. */
    static String time(JsonNode instant) {
        if (instant == null || instant.isMissingNode() || instant.isNull()) {
            return null;
        }
        try {
            return Instant.parse(instant.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException notAnInstant) {
            return instant.asText();
        }
    }

    /** A duration for people: {@code 850 ms}, {@code 8.5 s}, {@code 3 min 5 s}, {@code 2 h 10 min}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 2 * 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86_400 + " days " + seconds % 86_400 / 3600 + " h";
    }
}
