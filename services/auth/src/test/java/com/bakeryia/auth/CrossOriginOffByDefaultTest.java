package com.bakeryia.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code bakery.security.cors.allowed-origins} (this module's configuration sets none) no
 * answer carries a CORS header: a preflight is an unauthenticated request like any other, and a
 * browser of another origin reads nothing. (The launcher's SecurityBaselineTest allows an origin.)
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CrossOriginOffByDefaultTest {

    @LocalServerPort
    int port;

    @Test
    void noAnswerCarriesACorsHeader() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/users/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://console.example.com")
                .header("Access-Control-Request-Method", "GET").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"nobody@bakery.test\",\"password\":\"x-1234567\"}"))
                .header("Content-Type", "application/json").header("Origin", "https://console.example.com")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(401);
        assertThat(login.statusCode()).as("answered as without an Origin: %s", login.body()).isEqualTo(401);
        for (HttpResponse<String> answer : java.util.List.of(preflight, login)) {
            assertThat(answer.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
    }
}
