package com.bakeryia.launcher.ctl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's HTTP API as {@code ctl} uses it (the JDK's HTTP client, nothing else): every
 * request carries the bearer token of the {@link Credentials} (a login or a service token is fetched
 * from {@code authUrl} when first needed, and once more when the platform answers 401 to an expired
 * one). A 429, 502, 503 or 504 is repeated after its {@code Retry-After} (or 1, 2, 4 s) up to
 * {@value #ATTEMPTS} attempts in all: the platform answers 503 when it asks to be asked again, and
 * every request ctl sends may be repeated (a repeated DELETE answers the same job). Any other error
 * status becomes a {@link CtlFailure} whose exit code says what kind of error it is and whose
 * message carries the problem+json {@code detail}.
 */
final class PlatformClient {

    static final int ATTEMPTS = 4;
    /** A {@code Retry-After} longer than this is not waited for: the command fails at once (exit 6). */
    static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(30);
    static final String JSON_TYPE = "application/json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final URI authUrl;
    private final Duration timeout;
    private final Supplier<Credentials> credentials;
    private final CtlConsole console;
    private final Consumer<String> notices;
    private final HttpClient http;
    private Credentials resolved;
    private String token;

    /**
     * @param url         the process that runs the deletion orchestrator
     * @param authUrl     the process that runs auth (logins and service tokens)
     * @param timeout     for connecting, and for each answer
     * @param credentials asked only when a request needs a token
     * @param notices     where retries and renewals are told (standard error)
     */
    PlatformClient(URI url, URI authUrl, Duration timeout, Supplier<Credentials> credentials, CtlConsole console,
                   Consumer<String> notices) {
        this.url = url;
        this.authUrl = authUrl;
        this.timeout = timeout;
        this.credentials = credentials;
        this.console = console;
        this.notices = notices;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An answer of the platform, whatever its status. */
    record Answer(String method, String path, int status, String contentType, String body,
                  Optional<String> retryAfter) {

        boolean successful() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON; a success that is not JSON is the platform's fault (exit 6). */
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JacksonException e) {
                throw new CtlFailure(CtlExit.UNAVAILABLE, method + " " + path + " answered " + status
                        + " with a body that is not JSON: " + abbreviate(body));
            }
        }

        /** The problem+json {@code detail}, or the body itself when there is none. */
        String detail() {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem.hasNonNull("detail")) {
                    return problem.path("detail").asText();
                }
            } catch (JacksonException | IllegalArgumentException notJson) {
                // Not problem+json (a proxy's page, say): the body is the best there is.
            }
            return body == null || body.isBlank() ? "(no detail)" : abbreviate(body.strip());
        }
    }

    /** GET, authenticated; the JSON of a 2xx answer, or a {@link CtlFailure}. */
    JsonNode get(String path) {
        return require(send("GET", url, path, JSON_TYPE, null, true)).json();
    }

    /** POST without a body, authenticated; the JSON of a 2xx answer, or a {@link CtlFailure}. */
    JsonNode post(String path) {
        return require(send("POST", url, path, JSON_TYPE, null, true)).json();
    }

    /** DELETE, authenticated; the JSON of a 2xx answer, or a {@link CtlFailure}. */
    JsonNode delete(String path) {
        return require(send("DELETE", url, path, JSON_TYPE, null, true)).json();
    }

    /** GET a non-JSON representation ({@code accept}), authenticated; a 2xx answer or a {@link CtlFailure}. */
    Answer getAs(String path, String accept) {
        return require(send("GET", url, path, accept, null, true));
    }

    /** GET without a token (public paths such as the certificate keys); a 2xx answer or a {@link CtlFailure}. */
    Answer getPublic(String path) {
        return require(send("GET", url, path, JSON_TYPE, null, false));
    }

    /** The base address of the orchestrator's process, for messages. */
    URI url() {
        return url;
    }

    /** A 2xx answer as it is; any other becomes the failure its status says, naming the problem's detail. */
    Answer require(Answer answer) {
        if (answer.successful()) {
            return answer;
        }
        String detail = answer.detail();
        String hint = answer.status() == 404 && detail.startsWith("No endpoint")
                ? " (is " + url + " the process that runs deletion-orchestrator? --url or BAKERY_URL)" : "";
        throw new CtlFailure(CtlExit.forStatus(answer.status()), answer.status() + " " + reason(answer.status()) + ": "
                + detail + hint);
    }

    private Answer send(String method, URI base, String path, String accept, Map<String, String> body,
                        boolean authenticated) {
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            Answer answer = once(method, base, path, accept, body, authenticated ? token() : null);
            if (answer.status() == 401 && authenticated && !renewed && renewable()) {
                // The token expired while the command ran (a long --wait): one new one, then the same request.
                token = null;
                renewed = true;
                attempt--;
                notices.accept("the token expired; signing in again");
                continue;
            }
            if (!retryable(answer.status())) {
                return answer;
            }
            Duration wait = retryWait(answer, attempt);
            if (attempt >= ATTEMPTS || wait.compareTo(LONGEST_RETRY_WAIT) > 0) {
                throw new CtlFailure(CtlExit.UNAVAILABLE, answer.status() + " " + reason(answer.status()) + " from "
                        + method + " " + path + " after " + attempt + (attempt == 1 ? " attempt: " : " attempts: ")
                        + answer.detail());
            }
            notices.accept("the platform answered " + answer.status() + " to " + method + " " + path + "; trying again in "
                    + wait.toSeconds() + " s (attempt " + (attempt + 1) + " of " + ATTEMPTS + ")");
            console.pauseFor(wait, CtlExit.UNAVAILABLE, "while waiting to try again");
        }
    }

    private Answer once(String method, URI base, String path, String accept, Map<String, String> body, String bearer) {
        URI target = URI.create(base.toString().replaceAll("/+$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", JSON_TYPE);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new CtlFailure(CtlExit.UNAVAILABLE, "no answer from " + base + " within " + timeout.toSeconds()
                    + " s to " + method + " " + path + " (--timeout)", e);
        } catch (ConnectException e) {
            throw new CtlFailure(CtlExit.UNAVAILABLE, "cannot reach the platform at " + base + ": connection refused"
                    + " (is it running? " + (base.equals(authUrl) && !base.equals(url) ? "--auth-url or BAKERY_AUTH_URL"
                    : "--url or BAKERY_URL") + ")", e);
        } catch (IOException e) {
            throw new CtlFailure(CtlExit.UNAVAILABLE, "cannot reach the platform at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlFailure(CtlExit.UNAVAILABLE, "interrupted while waiting for " + base, e);
        }
        return new Answer(method, path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().firstValue("Retry-After"));
    }

    private String token() {
        if (token == null) {
            token = signIn(credentials());
        }
        return token;
    }

    private Credentials credentials() {
        if (resolved == null) {
            resolved = credentials.get();
        }
        return resolved;
    }

    private boolean renewable() {
        return !(credentials() instanceof Credentials.BearerToken);
    }

    /** The bearer token the credentials stand for: as given, or from a login or the service-token endpoint. */
    private String signIn(Credentials who) {
        Answer answer;
        if (who instanceof Credentials.BearerToken bearer) {
            return bearer.token();
        } else if (who instanceof Credentials.OperatorLogin login) {
            answer = send("POST", authUrl, "/api/v1/auth/login", JSON_TYPE,
                    Map.of("email", login.email(), "password", login.password()), false);
        } else {
            Credentials.ServiceClient client = (Credentials.ServiceClient) who;
            answer = send("POST", authUrl, "/api/v1/auth/service-token", JSON_TYPE,
                    Map.of("client_id", client.clientId(), "client_secret", client.clientSecret()), false);
        }
        if (!answer.successful()) {
            throw new CtlFailure(CtlExit.forStatus(answer.status()), "signing in with " + who.describe() + " at "
                    + authUrl + " failed: " + answer.status() + " " + reason(answer.status()) + ": " + answer.detail());
        }
        String accessToken = answer.json().path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new CtlFailure(CtlExit.UNAVAILABLE, "signing in at " + authUrl + " answered no access_token");
        }
        return accessToken;
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** {@code Retry-After} in whole seconds when the platform sent one, else 1, 2, 4 s. */
    private static Duration retryWait(Answer answer, int attempt) {
        return answer.retryAfter().flatMap(PlatformClient::seconds)
                .orElse(Duration.ofSeconds(1L << Math.min(attempt - 1, 4)));
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip()))));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
