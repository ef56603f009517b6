package com.bakeryia.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.events.EventOutbox;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pull feed {@code GET /api/v1/tenants/events} under concurrent writers skips nothing: an event
 * whose transaction is still open when a later one commits is not passed by the reader's cursor (the
 * case an id cursor loses), and a reader that follows the feed while many writers commit in random
 * order, each holding its transaction open a random while, receives every event exactly once.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TenantEventFeedConcurrencyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    @Qualifier("tenant")
    ServiceDatabase db;

    @Autowired
    @Qualifier("tenantEventOutbox")
    EventOutbox outbox;

    /** Reads the feed from {@code after} to its end; answers the cursor reached and adds the message ids seen. */
    private String readToEnd(ApiClient api, String token, String after, List<String> seen) {
        while (true) {
            JsonNode page = api.get("/api/v1/tenants/events?after=" + after + "&limit=1000", token).json();
            page.path("events").forEach(event -> seen.add(event.path("message_id").asText()));
            String next = page.path("next_after").asText();
            if (page.path("events").isEmpty()) {
                return next;
            }
            after = next;
        }
    }

    @Test
    void anEventStillInFlightIsNotPassedByAnEventThatCommittedAfterIt() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("feed-reader").value();
        List<String> seen = new ArrayList<>();
        String cursor = readToEnd(api, service, "0", seen);

        UUID subject = UUID.randomUUID();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The first writer draws the lower id and keeps its transaction open...
        CompletableFuture<UUID> first = CompletableFuture.supplyAsync(() -> db.transactions().execute(status -> {
            UUID id = outbox.append("test.first", subject, Map.of(), Instant.now());
            written.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id;
        }));
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        // ...while the second draws a higher id and commits.
        UUID second = outbox.append("test.second", subject, Map.of(), Instant.now());

        List<String> whileOpen = new ArrayList<>();
        cursor = readToEnd(api, service, cursor, whileOpen);
        assertThat(whileOpen).as("nothing committed after the open transaction began is served past it")
                .doesNotContain(second.toString());

        release.countDown();
        UUID firstId = first.get(30, TimeUnit.SECONDS);
        List<String> after = new ArrayList<>(whileOpen);
        String[] reached = {cursor};
        await().atMost(PATIENCE).until(() -> {
            reached[0] = readToEnd(api, service, reached[0], after);
            return after.contains(firstId.toString()) && after.contains(second.toString());
        });
        assertThat(after).containsSubsequence(firstId.toString(), second.toString());
    }

    @Test
    void aReaderFollowingTheFeedWhileManyWritersCommitInRandomOrderReceivesEveryEventOnce() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("feed-reader").value();
        String start = readToEnd(api, service, "0", new ArrayList<>());

        int writers = 8;
        int eventsPerWriter = 25;
        Set<String> written = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writing.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < eventsPerWriter; i++) {
                    db.transactions().executeWithoutResult(status -> {
                        UUID id = outbox.append("test.concurrent", UUID.randomUUID(), Map.of(), Instant.now());
                        // Hold the transaction open a random while (a few statements' worth), so
                        // commits come out of the order the ids were drawn in.
                        db.jdbc().queryForObject("select pg_sleep(?)", Object.class,
                                ThreadLocalRandom.current().nextInt(0, 20) / 1000.0);
                        written.add(id.toString());
                    });
                }
            }, pool));
        }
        List<String> seen = new ArrayList<>();
        String cursor = start;
        while (!writing.stream().allMatch(CompletableFuture::isDone)) {
            cursor = readToEnd(api, service, cursor, seen);
        }
        pool.shutdown();
        CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        String[] reached = {cursor};
        await().atMost(PATIENCE).until(() -> {
            reached[0] = readToEnd(api, service, reached[0], seen);
            return new HashSet<>(seen).containsAll(written);
        });
        assertThat(seen).as("no event served twice").doesNotHaveDuplicates();
        assertThat(written).hasSize(writers * eventsPerWriter);
    }
}
