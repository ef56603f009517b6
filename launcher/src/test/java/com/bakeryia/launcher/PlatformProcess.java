package com.bakeryia.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.bakeryia.testsupport.ApiClient;

/**
 * One platform process started from the packaged jar, exactly as a person would start it
 * ({@code java -jar launcher/target/bakery-platform.jar --targets=...}), on a free loopback port,
 * with its output in a log file next to the jar.
 */
final class PlatformProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private PlatformProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** A free loopback port for a process that is not started yet. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code java -jar <jar> --server.port=<port> <arguments>}; returns at once. */
    /** Argument lists joined in order. */
    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        return java.util.stream.Stream.of(lists).flatMap(List::stream).toList();
    }

    /** Stops every started process at once (each waits for its own exit); null entries are skipped. */
    static void closeAll(PlatformProcess... processes) {
        java.util.concurrent.CompletableFuture.allOf(java.util.stream.Stream.of(processes).filter(java.util.Objects::nonNull)
                .map(process -> java.util.concurrent.CompletableFuture.runAsync(process::close))
                .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
    }

    static PlatformProcess start(String name, Path jar, int port, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port));
        command.addAll(arguments);
        Path log = jar.resolveSibling("three-process-" + name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PlatformProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    int port() {
        return port;
    }

    /** The JVM's process id (the process is {@code java} itself, no shell in between). */
    long pid() {
        return process.pid();
    }

    /** Kills the process with SIGKILL: no shutdown hook, no graceful stop, nothing finished. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    ApiClient api() {
        return ApiClient.onPort(port);
    }

    boolean isUp() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
        }
        try {
            return api().get("/actuator/health", null).json().path("status").asText().equals("UP");
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** The last lines of the process's output, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " on " + url();
    }
}
