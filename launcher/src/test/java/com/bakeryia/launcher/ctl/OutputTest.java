package com.bakeryia.launcher.ctl;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Status words are coloured on a terminal only, and never when NO_COLOR is set or the terminal is dumb. */
class OutputTest {

    @Test
    void statusesAreColouredOnATerminalUnlessNoColorOrADumbTerminalSaysOtherwise() {
        assertThat(output(true, Map.of()).status("FAILED")).isEqualTo("\u001B[31mFAILED\u001B[0m");
        assertThat(output(true, Map.of()).status("COMPLETED")).isEqualTo("\u001B[32mCOMPLETED\u001B[0m");
        assertThat(output(false, Map.of()).status("FAILED")).as("stdout is a pipe or a file").isEqualTo("FAILED");
        assertThat(output(true, Map.of("NO_COLOR", "1")).status("FAILED")).isEqualTo("FAILED");
        assertThat(output(true, Map.of("TERM", "dumb")).status("FAILED")).isEqualTo("FAILED");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(Output.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Output.duration(Duration.ofMillis(8_500))).isEqualTo("8.5 s");
        assertThat(Output.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Output.duration(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(Output.duration(Duration.ofDays(30))).isEqualTo("30 days 0 h");
    }

    private static Output output(boolean terminal, Map<String, String> environment) {
        CtlConsole console = new CtlConsole(environment, new BufferedReader(new StringReader("")), false, terminal, false,
                Clock.systemUTC(), duration -> { });
        return new Output(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, console);
    }
}
