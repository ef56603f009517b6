package com.bakeryia.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up mistakes stop the real launcher (its own JVM) with a non-zero exit and one clear line,
 * not a wall of stack trace.
 */
class StartupFailureTest {

    @TempDir
    Path dataDir;

    @Test
    void unknownTargetStopsStartupListingTheValidNames() throws Exception {
        Launch launch = launch("--targets=orders,bakery-of-nowhere");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("Unknown target 'bakery-of-nowhere'. Valid targets: all, alert-processor, auth,"
                + " deletion-orchestrator, external, forecasting, inventory, notification, orders, pos, production, recipes, sales, suppliers,"
                + " tenant, training.");
        assertThat(launch.stackTraceLines()).isZero();
    }

    @Test
    void unreachableDatabaseStopsStartupWithOneLineReason() throws Exception {
        Launch launch = launch("--bakery.db.url=jdbc:postgresql://127.0.0.1:1/nowhere");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere: Connection refused");
        assertThat(launch.stackTraceLines()).isZero();
    }

    @Test
    void aCalledServiceThatIsNeitherLocalNorConfiguredStopsStartup() throws Exception {
        Launch launch = launch("--targets=orders");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("set bakery.services.auth.url, bakery.services.tenant.url");
        assertThat(launch.stackTraceLines()).isZero();
    }

    @Test
    void structuredFlagWritesLogLinesAsJson() throws Exception {
        Launch launch = launch("--logging.structured", "--targets=bakery-of-nowhere");

        List<String> jsonLines = launch.output().lines().filter(line -> line.startsWith("{\"@timestamp\"")).toList();
        assertThat(jsonLines).isNotEmpty();
        assertThat(jsonLines).anySatisfy(line -> assertThat(line).contains("Unknown target 'bakery-of-nowhere'"));
    }

    private Launch launch(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                BakeryPlatformApplication.class.getName(),
                "--server.port=0",
                "--bakery.data-dir=" + dataDir));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Launcher did not stop within 60 s:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new Launch(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Launch(int exitCode, String output) {

        long stackTraceLines() {
            return output.lines().filter(line -> line.startsWith("\tat ")).count();
        }
    }
}
