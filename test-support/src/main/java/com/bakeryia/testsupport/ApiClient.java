package com.bakeryia.testsupport;

import java.net.URI;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A real-HTTP client for API tests: sends JSON with an optional bearer token and returns status,
 * headers and the parsed body without throwing on 4xx or 5xx.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    public ApiClient(String baseUrl) {
        this.http = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    public static ApiClient onPort(int port) {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    public Response get(String path, String token) {
        return exchange(HttpMethod.GET, path, token, null);
    }

    public Response delete(String path, String token) {
        return exchange(HttpMethod.DELETE, path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return exchange(HttpMethod.POST, path, token, body);
    }

    public Response patch(String path, String token, Object body) {
        return exchange(HttpMethod.PATCH, path, token, body);
    }

    public Response put(String path, String token, Object body) {
        return exchange(HttpMethod.PUT, path, token, body);
    }

    /** Sends a raw JSON text body, for malformed-input tests. */
    public Response sendRaw(HttpMethod method, String path, String token, String rawJson) {
        return exchange(method, path, token, rawJson);
    }

    public Response exchange(HttpMethod method, String path, String token, Object body) {
        var request = http.method(method).uri(URI.create(path.startsWith("/") ? path : "/" + path).toString());
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (body != null) {
            String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            request = request.contentType(MediaType.APPLICATION_JSON).body(text);
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            JsonNode json = text.isBlank() ? null : tryParse(text);
            return new Response(res.getStatusCode().value(), res.getHeaders(), text, json);
        });
    }

    private static JsonNode tryParse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * An HTTP answer.
     *
     * @param status  status code
     * @param headers response headers
     * @param text    raw body
     * @param json    parsed body, or null when empty or not JSON
     */
    public record Response(int status, HttpHeaders headers, String text, JsonNode json) {

        public String contentType() {
            return headers.getFirst(HttpHeaders.CONTENT_TYPE);
        }

        public boolean isProblem() {
            return contentType() != null && contentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }

        public List<String> header(String name) {
            return headers.getOrEmpty(name);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
