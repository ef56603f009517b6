package com.bakeryia.launcher.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console as the all-in-one process serves it, over real HTTP: public pages packed in
 * the jar, each with a strict Content-Security-Policy, no sniffing, no framing and revalidation on
 * every load; the settings that say where to sign in (here: this origin, as auth runs here); and
 * nothing of it in the API document.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsoleServingTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([a-z-]+\\.(?:js|css))\"|from '\\./([a-z-]+\\.js)'");

    @LocalServerPort
    int port;

    @Test
    void theBarePathRedirectsToThePageWhichIsServedWithoutATokenUnderAStrictPolicy() throws Exception {
        HttpResponse<String> bare = get("/console", null);
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).get().asString().endsWith("/console/");

        HttpResponse<String> page = get("/console/", null);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("style=");
        assertStrictHeaders(page);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("connect-src 'self';").as("auth runs in this process: nothing else to call");
    }

    @Test
    void everyAssetThePagesLoadIsServedWithItsTypeAndRevalidatedByItsContentHash() throws Exception {
        List<String> assets = assetsOf("index.html");
        assertThat(assets).contains("app.js", "console.css");
        for (int i = 0; i < assets.size(); i++) {
            // Modules import modules: follow them all.
            if (assets.get(i).endsWith(".js")) {
                assetsOf(assets.get(i)).stream().filter(found -> !assets.contains(found)).forEach(assets::add);
            }
        }
        assertThat(assets).contains("api.js", "dom.js", "jobs.js", "job.js", "preview.js", "certificate.js", "health.js");
        for (String asset : assets) {
            HttpResponse<String> answer = get("/console/" + asset, null);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(asset).get().asString()
                    .startsWith(asset.endsWith(".js") ? "text/javascript" : "text/css");
            assertStrictHeaders(answer);
            String etag = answer.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/console/" + asset))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("unchanged %s: a 304 without a body", asset).isEqualTo(304);
            assertThat(answer.body()).as(asset).doesNotContain("innerHTML").doesNotContain("eval(");
        }
    }

    @Test
    void theSettingsSayToSignInAtThisOriginWhereAuthRunsInTheSameProcess() throws Exception {
        HttpResponse<String> config = get("/console/config.json", null);

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode body = JsonMapper.builder().build().readTree(config.body());
        assertThat(body.path("auth_url").isString()).isTrue();
        assertThat(body.path("auth_url").asString()).isEmpty();
        assertStrictHeaders(config);
    }

    @Test
    void aTokenIsIgnoredAndAMissingFileIsAProblemNotAnError() throws Exception {
        assertThat(get("/console/app.js", "not-a-jwt").statusCode()).as("public: a bad token does not matter").isEqualTo(200);

        HttpResponse<String> missing = get("/console/nothing-here.js", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(get("/console/../application.properties", null).statusCode()).isIn(400, 404);
    }

    @Test
    void theConsoleIsNotPartOfTheApiDocument() {
        JsonNode paths = ApiClient.onPort(port).get("/v3/api-docs", null).json().path("paths");

        assertThat(paths.propertyNames()).isNotEmpty().noneMatch(path -> path.startsWith("/console"));
    }

    private static void assertStrictHeaders(HttpResponse<String> answer) {
        String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                "base-uri 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(answer.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(answer.headers().allValues("Cache-Control")).containsExactly("no-cache");
        assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    private List<String> assetsOf(String file) throws IOException, InterruptedException {
        Matcher matcher = ASSET.matcher(get("/console/" + file, null).body());
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            String asset = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (!found.contains(asset)) {
                found.add(asset);
            }
        }
        return found;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
