package com.bakeryia.orchestrator.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.bakeryia.orchestrator.OrchestratorTestApplication;
import com.bakeryia.orchestrator.TestTenants;
import com.bakeryia.orchestrator.job.DeletionJobReads;
import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.job.Initiator;
import com.bakeryia.orchestrator.job.JobStatus;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.events.EventBroker;
import com.bakeryia.platform.events.EventOutbox;
import com.bakeryia.platform.events.EventRelay;
import com.bakeryia.platform.events.OutboxEvent;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deletion events on the real RabbitMQ at 127.0.0.1:5672 (guest/guest), received by a real
 * consumer (the plain RabbitMQ Java client, a durable queue bound to {@code tenant.#} and
 * {@code user.#} on an exchange of this test's own): each change published once and in order per
 * subject, a message id on every one; a relay that died with events it had taken (before or after
 * the broker confirmed them) leaves them to be published again, so the consumer gets every event,
 * deduplicating on the message id; the relay's connections closed by the broker
 * ({@code rabbitmqctl close_connection}, not a restart of the shared machine's broker) cost retries,
 * not events; an unroutable message and one the broker nacks are retried, dead-lettered, listed,
 * and after a replay published with the same message id.
 */
// Its own context (a worker and a publishing relay of its own) is closed after the class, so it
// never claims another class's jobs.
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(classes = OrchestratorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bakery.events.poll-interval=100ms", "bakery.events.confirm-timeout=1s",
                "bakery.events.claim-timeout=2s", "bakery.events.max-attempts=3", "bakery.events.initial-backoff=100ms",
                "bakery.events.max-backoff=200ms"})
class DeletionEventsOnRabbitMqTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String EXCHANGE = "bakery.deletion.test-" + UUID.randomUUID();
    private static final String QUEUE = "deletion-events-test-" + UUID.randomUUID();
    private static final String NACKING_QUEUE = QUEUE + "-full";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A message as the consumer received it. */
    record Received(String messageId, String type, String subjectId, long sequence, JsonNode body) {
    }

    private static Connection consumerConnection;
    private static Channel consumer;
    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("bakery.events.broker-url", () -> "amqp://guest:guest@127.0.0.1:5672");
        registry.add("bakery.events.exchange", () -> EXCHANGE);
    }

    @BeforeAll
    static void consume() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(java.net.URI.create("amqp://guest:guest@127.0.0.1:5672"));
        consumerConnection = factory.newConnection("deletion-events-test-consumer");
        consumer = consumerConnection.createChannel();
        consumer.exchangeDeclare(EXCHANGE, "topic", true);
        consumer.queueDeclare(QUEUE, true, false, false, null);
        consumer.queueBind(QUEUE, EXCHANGE, "tenant.#");
        consumer.queueBind(QUEUE, EXCHANGE, "user.#");
        // A queue that takes nothing: the broker nacks what is routed to it.
        consumer.queueDeclare(NACKING_QUEUE, true, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        consumer.queueBind(NACKING_QUEUE, EXCHANGE, "full.#");
        DeliverCallback deliver = (tag, delivery) -> {
            AMQP.BasicProperties properties = delivery.getProperties();
            RECEIVED.add(new Received(properties.getMessageId(), properties.getType(),
                    String.valueOf(properties.getHeaders().get("subject_id")),
                    ((Number) properties.getHeaders().get("sequence")).longValue(),
                    JSON.readTree(new String(delivery.getBody(), StandardCharsets.UTF_8))));
        };
        consumer.basicConsume(QUEUE, true, deliver, tag -> { });
    }

    @AfterAll
    static void removeQueues() throws IOException, TimeoutException {
        consumer.queueDelete(QUEUE);
        consumer.queueDelete(NACKING_QUEUE);
        consumer.exchangeDelete(EXCHANGE);
        consumerConnection.close();
    }

    @Autowired
    DeletionJobs jobs;

    @Autowired
    DeletionJobReads reads;

    @Autowired
    @Qualifier("deletionEventOutbox")
    EventOutbox outbox;

    @Autowired
    @Qualifier("deletionEventRelay")
    EventRelay relay;

    @Autowired
    EventBroker broker;

    private final TestTenants tenants = new TestTenants();

    @BeforeEach
    void relayRuns() {
        relay.start();
    }

    private List<Received> receivedFor(UUID subject) {
        return RECEIVED.stream().filter(message -> message.subjectId().equals(subject.toString())).toList();
    }

    @Test
    void everyChangeOfATenantDeletionIsPublishedOnceInOrderWithItsOwnMessageId() {
        UUID tenant = tenants.seed(3);
        DeletionJobSummary scheduled = jobs.startTenantDeletion(tenant, Initiator.service("ops"), Duration.ofMinutes(5));
        jobs.restoreTenant(tenant, true, Initiator.service("ops"));
        DeletionJobSummary deletion = jobs.startTenantDeletion(tenant, Initiator.service("ops"), Duration.ZERO);
        await().atMost(PATIENCE).until(() -> jobs.find(deletion.jobId()).orElseThrow().status() == JobStatus.COMPLETED);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receivedFor(tenant)).as(() -> "outbox: "
                + outbox.events(null, 0, 1000).stream().filter(event -> event.subjectId().equals(tenant)).toList())
                .hasSizeGreaterThanOrEqualTo(4));
        List<Received> received = receivedFor(tenant);
        assertThat(received).extracting(Received::type).containsExactly("tenant.deletion.scheduled",
                "tenant.deletion.restored", "tenant.deletion.started", "tenant.deletion.completed");
        assertThat(received).extracting(Received::messageId).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(received).extracting(Received::sequence).isSorted();
        assertThat(received.get(0).body().path("job_id").asText()).isEqualTo(scheduled.jobId().toString());
        assertThat(received.get(0).body().path("scheduled_for").asText()).isNotEmpty();
        Received completed = received.get(3);
        assertThat(completed.body().path("job_id").asText()).isEqualTo(deletion.jobId().toString());
        assertThat(completed.body().path("certificate_url").asText())
                .isEqualTo("/api/v1/deletion-jobs/" + deletion.jobId() + "/certificate");
        assertThat(completed.body().path("id").asText()).isEqualTo(completed.messageId());
        // Ids and kinds only: no field holds a name or an address.
        assertThat(fieldNames(completed.body())).containsExactlyInAnyOrder("id", "type", "job_id", "subject_kind",
                "subject_id", "occurred_at", "certificate_url");
        await().atMost(PATIENCE).until(() -> received.stream().allMatch(message ->
                outbox.find(UUID.fromString(message.messageId())).orElseThrow().status() == EventOutbox.Status.SENT));
    }

    @Test
    void eventsARelayDiedWithArePublishedAgainAndReachTheConsumerUnderOneMessageId() {
        relay.stop();
        UUID confirmedThenDied = UUID.randomUUID();
        UUID diedBeforePublishing = UUID.randomUUID();
        UUID first = outbox.append("tenant.deletion.started", confirmedThenDied, Map.of("subject_id",
                confirmedThenDied.toString()), Instant.now());
        UUID second = outbox.append("tenant.deletion.started", diedBeforePublishing, Map.of("subject_id",
                diedBeforePublishing.toString()), Instant.now());
        // What a relay that then died had done: taken both, published the first (the broker confirmed
        // it), and never recorded either.
        List<OutboxEvent> taken = outbox.claimDue(1000, Duration.ofSeconds(2)).stream()
                .filter(event -> event.messageId().equals(first) || event.messageId().equals(second)).toList();
        assertThat(taken).hasSize(2);
        assertThat(broker.publish("deletion-orchestrator", taken.stream()
                .filter(event -> event.messageId().equals(first)).toList())).containsOnlyNulls();
        await().atMost(PATIENCE).until(() -> !receivedFor(confirmedThenDied).isEmpty());

        relay.start();

        await().atMost(PATIENCE).until(() -> outbox.find(first).orElseThrow().status() == EventOutbox.Status.SENT
                && outbox.find(second).orElseThrow().status() == EventOutbox.Status.SENT);
        await().atMost(PATIENCE).until(() -> receivedFor(diedBeforePublishing).size() == 1
                && receivedFor(confirmedThenDied).size() == 2);
        assertThat(receivedFor(confirmedThenDied)).extracting(Received::messageId).containsOnly(first.toString());
        assertThat(receivedFor(diedBeforePublishing)).extracting(Received::messageId).containsExactly(second.toString());
    }

    @Test
    void connectionsClosedByTheBrokerCostRetriesNotEvents() throws Exception {
        relay.stop();
        UUID subject = UUID.randomUUID();
        List<UUID> written = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(outbox.append("user.erasure.scheduled", subject, Map.of("n", i), Instant.now()));
        }
        relay.start();
        await().atMost(PATIENCE).until(() -> receivedFor(subject).size() >= 1);
        closeRelayConnectionsAtTheBroker();
        for (int i = 0; i < 5; i++) {
            written.add(outbox.append("user.erasure.scheduled", subject, Map.of("n", 5 + i), Instant.now()));
        }
        closeRelayConnectionsAtTheBroker();

        await().atMost(PATIENCE).until(() -> written.stream()
                .allMatch(id -> outbox.find(id).orElseThrow().status() == EventOutbox.Status.SENT));
        List<Received> received = receivedFor(subject);
        assertThat(received.stream().map(Received::messageId).collect(Collectors.toSet()))
                .isEqualTo(written.stream().map(UUID::toString).collect(Collectors.toSet()));
        assertThat(received.stream().map(message -> message.body().path("n").asInt()).distinct().toList())
                .as("in the order written").containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void unroutableAndNackedEventsAreRetriedDeadLetteredAndReplayed() throws IOException {
        UUID subject = UUID.randomUUID();
        UUID unroutable = outbox.append("nobody.listens", subject, Map.of(), Instant.now());
        UUID nacked = outbox.append("full.queue", UUID.randomUUID(), Map.of(), Instant.now());

        await().atMost(PATIENCE).until(() -> outbox.find(unroutable).orElseThrow().status() == EventOutbox.Status.DEAD
                && outbox.find(nacked).orElseThrow().status() == EventOutbox.Status.DEAD);
        EventOutbox.StoredEvent dead = outbox.find(unroutable).orElseThrow();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).startsWith("unroutable");
        assertThat(outbox.find(nacked).orElseThrow().lastError()).startsWith("nacked");
        assertThat(outbox.events(EventOutbox.Status.DEAD, 0, 1000)).extracting(EventOutbox.StoredEvent::messageId)
                .contains(unroutable, nacked);
        // A later event of the same subject is not held back by a dead one.
        UUID later = outbox.append("tenant.deletion.started", subject, Map.of(), Instant.now());
        await().atMost(PATIENCE).until(() -> outbox.find(later).orElseThrow().status() == EventOutbox.Status.SENT);

        consumer.queueBind(QUEUE, EXCHANGE, "nobody.#");
        assertThat(outbox.replay(unroutable)).isTrue();
        assertThat(outbox.replay(later)).as("only a dead letter is replayed").isFalse();

        await().atMost(PATIENCE).until(() -> outbox.find(unroutable).orElseThrow().status() == EventOutbox.Status.SENT);
        await().atMost(PATIENCE).until(() -> RECEIVED.stream().anyMatch(m -> m.messageId().equals(unroutable.toString())));
    }

    private static Set<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().collect(Collectors.toSet());
    }

    /** Closes, at the broker, every connection the relays of this JVM opened (by their client-provided name). */
    private static void closeRelayConnectionsAtTheBroker() throws Exception {
        Process list = new ProcessBuilder("rabbitmqctl", "-q", "list_connections", "pid", "client_properties")
                .redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        for (String line : out.split("\n")) {
            String[] columns = line.trim().split("\t");
            if (columns.length == 2 && columns[1].contains("\"bakery-event-relay\"")) {
                Process close = new ProcessBuilder("rabbitmqctl", "-q", "close_connection", columns[0], "test: connection killed")
                        .redirectErrorStream(true).start();
                close.getInputStream().readAllBytes();
                assertThat(close.waitFor()).isZero();
            }
        }
    }
}
