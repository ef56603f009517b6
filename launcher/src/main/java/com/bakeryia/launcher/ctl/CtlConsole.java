package com.bakeryia.launcher.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@code ctl} command takes from the world besides its arguments: the environment
 * (credentials, the platform's address, {@code NO_COLOR}), standard input (confirmations), whether
 * standard input, output and error are terminals (prompts, colours, a progress bar redrawn in
 * place), the clock and how to pause between polls. The executable passes the process's own
 * ({@link #system()}); tests pass theirs, so nothing reads the real environment or waits for real.
 *
 * @param environment      the variables a command may read (BAKERY_*, NO_COLOR)
 * @param input            where a confirmation is read from
 * @param inputIsTerminal  whether a person can answer a confirmation
 * @param outputIsTerminal whether standard output is a terminal (colours)
 * @param errorIsTerminal  whether standard error is a terminal (progress redrawn with {@code \r})
 * @param clock            the time that bounds {@code --wait}
 * @param pause            how a command waits between two polls
 */
public record CtlConsole(Map<String, String> environment, BufferedReader input, boolean inputIsTerminal,
                         boolean outputIsTerminal, boolean errorIsTerminal, Clock clock, Pause pause) {

    public CtlConsole {
        environment = Map.copyOf(environment);
    }

    /** How a command waits between two polls of a job. */
    @FunctionalInterface
    public interface Pause {

        void pause(Duration duration) throws InterruptedException;
    }

    /** The process's own environment, standard input, terminals and clock. */
    public static CtlConsole system() {
        boolean console = System.console() != null;
        return new CtlConsole(System.getenv(), new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
                isTerminal(0, console), isTerminal(1, console), isTerminal(2, console), Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Pauses for {@code duration}; an interruption (the process is stopping) ends the command with
     * {@code exitCode}, saying it was interrupted {@code during} what.
     */
    void pauseFor(Duration duration, int exitCode, String during) {
        try {
            pause.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlFailure(exitCode, "interrupted " + during, e);
        }
    }

    /** The value of an environment variable, or null when it is unset or blank. */
    String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Whether file descriptor {@code fd} of this process is a terminal. Java 17 only tells whether
     * both standard input and output are ({@link System#console()}), so on Linux the descriptor's
     * link under {@code /proc/self/fd} is read; elsewhere the console answers for all three.
     */
    private static boolean isTerminal(int fd, boolean console) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
            return console;
        }
    }
}
