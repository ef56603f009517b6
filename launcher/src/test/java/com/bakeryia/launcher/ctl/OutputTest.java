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

    @Test
    void controlCharactersAreEscapedButLineFeedsTabsAndOurOwnColoursStay() {
        assertThat(PrintableText.of("a\u001b[2Jb\rc\u0007d\u007fe\u009bf\u202eg\nh\ti")).isEqualTo(
                "a\\x1b[2Jb\\x0dc\\x07d\\x7fe\\x9bf\\u202eg\nh\ti");
        assertThat(PrintableText.of("\u001B[31mFAILED\u001B[0m")).isEqualTo("\u001B[31mFAILED\u001B[0m");
        assertThat(PrintableText.of("\u001B[8mhidden")).isEqualTo("\\x1b[8mhidden");
        assertThat(PrintableText.inline("two\nlines\tand a tab")).isEqualTo("two\\nlines\\tand a tab");
        assertThat(PrintableText.json("{\"a\":\"x\u009by\u202ez\u00e9\"}")).isEqualTo("{\"a\":\"x\\u009by\\u202ez\u00e9\"}");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CtlConsole console = new CtlConsole(Map.of(), new BufferedReader(new StringReader("")), false, true, true,
                Clock.systemUTC(), duration -> { });
        Output output = new Output(new PrintWriter(out), new PrintWriter(err), false, console);
        output.line("name: Evil\u001b]0;x\u0007");
        output.table(new Table("NAME", "STATUS").row("Bad\nName", output.status("FAILED")));
        output.notice("error \u001b[1A");
        output.redraw("RUNNING\r");
        output.err().print("\u001b[K");
        output.err().flush();
        assertThat(out.toString()).isEqualTo("name: Evil\\x1b]0;x\\x07\nNAME       STATUS\nBad\\nName  \u001B[31mFAILED\u001B[0m\n"
                .replace("\n", System.lineSeparator()));
        assertThat(err.toString()).isEqualTo(("error \\x1b[1A\n").replace("\n", System.lineSeparator())
                + "\rRUNNING\\x0d\\x1b[K");
    }

    private static Output output(boolean terminal, Map<String, String> environment) {
        CtlConsole console = new CtlConsole(environment, new BufferedReader(new StringReader("")), false, terminal, false,
                Clock.systemUTC(), duration -> { });
        return new Output(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, console);
    }
}
