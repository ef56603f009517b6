package com.bakeryia.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the platform over real HTTP on a loopback port, for what a real one will not do on
 * demand: answer 429, 503 or 500, or refuse an expired token. Each path answers its queued answers
 * in turn (the last one again and again); every request is recorded.
 */
final class StubPlatform implements AutoCloseable {

    /** One answer: a status, a body (JSON unless it is empty) and optional headers. */
    record Answer(int status, String body, Map<String, String> headers) {

        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        static Answer problem(int status, String detail, Map<String, String> headers) {
            return new Answer(status, "{\"status\":" + status + ",\"detail\":\"" + detail + "\"}", headers);
        }
    }

    /** A request as the stub saw it. */
    record Request(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Function<Request, Answer>>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StubPlatform() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Queues answers for a path (with its query), in order; the last one repeats. */
    StubPlatform on(String path, Answer... queued) {
        for (Answer answer : queued) {
            answering(path, request -> answer);
        }
        return this;
    }

    /** Queues an answer computed from the request, for a path (with its query). */
    StubPlatform answering(String path, Function<Request, Answer> answer) {
        answers.computeIfAbsent(path, key -> new ArrayDeque<>()).add(answer);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Request request = new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(request);
        exchange.getRequestBody().readAllBytes();
        Deque<Function<Request, Answer>> queue = answers.get(path);
        Answer answer;
        synchronized (this) {
            answer = queue == null ? Answer.problem(404, "No endpoint " + request.method() + " " + path, Map.of())
                    : (queue.size() > 1 ? queue.poll() : queue.peek()).apply(request);
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
