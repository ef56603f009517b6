package com.bakeryia.launcher;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.bakeryia.launcher.ctl.CtlConsole;
import com.bakeryia.testsupport.SettableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code ctl} in-process as the executable does ({@link Cli#run}), against the platform at
 * {@code url}, with an environment of its own (never the real one), no terminal unless asked for
 * ({@link #typing}: a person types a line; {@link #onTerminal}: stderr is a terminal), and its
 * streams captured.
 */
final class CtlRunner {

    private final String url;
    private final Map<String, String> environment;
    private final String typed;
    private final boolean errorIsTerminal;
    private final Clock clock;
    private final CtlConsole.Pause pause;

    private CtlRunner(String url, Map<String, String> environment, String typed, boolean errorIsTerminal, Clock clock,
                      CtlConsole.Pause pause) {
        this.url = url;
        this.environment = Map.copyOf(environment);
        this.typed = typed;
        this.errorIsTerminal = errorIsTerminal;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Against {@code url} with {@code environment}; between polls it pauses for real, a quarter of a
     * second at most (the command's one second would only slow the suite).
     */
    static CtlRunner against(String url, Map<String, String> environment) {
        return new CtlRunner(url, environment, null, false, Clock.systemUTC(),
                duration -> Thread.sleep(Math.min(duration.toMillis(), 250)));
    }

    /** The same, with one more variable. */
    CtlRunner with(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new CtlRunner(url, more, typed, errorIsTerminal, clock, pause);
    }

    /** The same, on a terminal where the person types {@code line}. */
    CtlRunner typing(String line) {
        return new CtlRunner(url, environment, line + "\n", errorIsTerminal, clock, pause);
    }

    /** The same, with standard error on a terminal (progress redrawn in place). */
    CtlRunner onTerminal() {
        return new CtlRunner(url, environment, typed, true, clock, pause);
    }

    /** The same, on {@code clock}, which each pause moves on instead of waiting. */
    CtlRunner on(SettableClock clock) {
        return new CtlRunner(url, environment, typed, errorIsTerminal, clock, clock::advance);
    }

    /** The same, never waiting: each pause is added to {@code pauses}. */
    CtlRunner recordingPauses(List<Duration> pauses) {
        return new CtlRunner(url, environment, typed, errorIsTerminal, clock, pauses::add);
    }

    Result run(String... args) {
        List<String> line = new ArrayList<>(List.of("ctl", "--url", url));
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CtlConsole console = new CtlConsole(environment, new BufferedReader(new StringReader(typed == null ? "" : typed)),
                typed != null, false, errorIsTerminal, clock, pause);
        int exitCode = Cli.run(line.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), console);
        return new Result(String.join(" ", args), exitCode, out.toString(), err.toString());
    }

    /** What a run printed and how it exited. */
    record Result(String command, int exitCode, String out, String err) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        /** Standard output as one JSON document (fails when it holds anything else, or nothing). */
        JsonNode json() {
            if (out.isBlank()) {
                throw new AssertionError("No JSON on stdout: " + this);
            }
            return JSON.readTree(out);
        }

        @Override
        public String toString() {
            return "ctl " + command + " -> " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
