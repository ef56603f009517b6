package com.bakeryia.launcher.deletion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code docs/monitoring/} only use metrics
 * the platform serves: after one tenant deletion every {@code bakery_} metric named in a panel's or
 * a rule's {@code expr} is in {@code /actuator/prometheus}. Same annotations as
 * {@link TenantDeletionJobEndToEndTest}, so both share one Spring context.
 *
 * <p>How a metric name is found in PromQL: a token {@code [a-zA-Z_:][a-zA-Z0-9_:]*} that is not
 * part of a longer token, starts with {@code bakery_}, and is followed by {@code {}, {@code [},
 * {@code )}, {@code ,}, whitespace or the end of the expression. Label names, label values (in
 * quotes) and functions never start with {@code bakery_} here, so no PromQL parser is needed; a
 * name is compared with the sample names of the scrape (a counter's {@code _total}, a timer's
 * {@code _seconds_count}, {@code _sum}, {@code _max} and {@code _bucket} included).
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionMonitoringTest {

    static final Pattern METRIC_NAME = Pattern.compile("(?<![a-zA-Z0-9_:])(bakery_[a-zA-Z0-9_:]*)(?=[{\\[),\\s]|$)");

    private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)");

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsServedAfterATenantDeletion() throws IOException {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("monitoring-test").value();
        TenantFixture doomed = TenantFixture.create(api);
        ApiClient.Response filled = api.post("/api/v1/tenants/" + doomed.tenantId() + "/demo-data?size=small", service, null);
        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        ApiClient.Response deleted = api.delete("/api/v1/tenants/" + doomed.tenantId(), doomed.owner().accessToken());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        String jobId = deleted.json().path("job_id").asText();
        JsonNode job = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(
                () -> api.get("/api/v1/deletion-jobs/" + jobId, service).json(),
                j -> List.of("COMPLETED", "FAILED").contains(j.path("status").asText()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");

        ApiClient.Response scrape = api.get("/actuator/prometheus", service);
        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        Set<String> served = sampleNames(scrape.text());

        Path monitoring = docs().resolve("monitoring");
        Map<String, List<String>> used = new java.util.TreeMap<>();
        dashboardExpressions(monitoring.resolve("grafana-deletion-dashboard.json"))
                .forEach(expr -> metricNames(expr).forEach(name -> used.computeIfAbsent(name, n -> new ArrayList<>()).add("dashboard")));
        alertRules(monitoring.resolve("prometheus-deletion-alerts.yml")).forEach(rule -> metricNames((String) rule.get("expr"))
                .forEach(name -> used.computeIfAbsent(name, n -> new ArrayList<>()).add("alert " + rule.get("alert"))));

        assertThat(used).as("metric names found in the dashboard and the alert rules").isNotEmpty();
        System.out.println("Metrics used by docs/monitoring: " + used.keySet());
        List<String> missing = used.entrySet().stream().filter(entry -> !served.contains(entry.getKey()))
                .map(entry -> entry.getKey() + " (used by " + String.join(", ", new TreeSet<>(entry.getValue())) + ")").toList();
        assertThat(missing).as("metrics used in docs/monitoring but not in /actuator/prometheus").isEmpty();
    }

    @Test
    void everyAlertSaysWhatItMeansAndLinksARunbookSectionThatExists() throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(docs().resolve("runbook.md"))) {
            if (line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
            }
        }
        List<Map<String, Object>> rules = alertRules(docs().resolve("monitoring").resolve("prometheus-deletion-alerts.yml"));

        assertThat(rules).isNotEmpty();
        for (Map<String, Object> rule : rules) {
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as("annotations of %s", rule.get("alert")).containsKeys("summary", "description", "runbook_url");
            String url = (String) annotations.get("runbook_url");
            assertThat(url).as("runbook_url of %s", rule.get("alert")).startsWith("docs/runbook.md#");
            assertThat(anchors).as("runbook section of %s", rule.get("alert")).contains(url.substring(url.indexOf('#') + 1));
        }
    }

    /** Every {@code expr} anywhere in the dashboard's JSON model (panel targets). */
    static List<String> dashboardExpressions(Path file) throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(dashboard.path("panels").isArray()).as("panels in %s", file).isTrue();
        return dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules(Path file) throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(file));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).as("rule in %s", file).containsKeys("alert", "expr");
                rules.add(rule);
            }
        }
        return rules;
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The sample names of a Prometheus text scrape (comment lines skipped). */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            Matcher matcher = SAMPLE_NAME.matcher(line);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    /** A Markdown heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** The repository's {@code docs} directory, found upwards from the module the test runs in. */
    static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs").resolve("monitoring"))) {
                return dir.resolve("docs");
            }
        }
        throw new AssertionError("no docs/monitoring above " + Path.of("").toAbsolutePath());
    }
}
