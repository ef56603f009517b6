package com.bakeryia.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * RabbitMQ as the {@link EventBroker}: every event goes to one durable topic exchange with its type
 * as routing key, persistent, {@code mandatory} (a message no queue is bound for comes back and
 * counts as failed, instead of vanishing), and counts as published only once the broker's publisher
 * confirm acknowledged it. A batch is sent on one channel and its confirms awaited together, so the
 * order of a batch is the order on the wire.
 *
 * <p>Why not a library: namastack-outbox is not on the Maven repositories this build uses, and
 * Spring Modulith's externalisation marks an event published when the send returns, not when the
 * broker confirmed it. Spring AMQP's correlated confirms and returns are the library here; the
 * outbox table, its claim and its retries are {@link EventOutbox}.
 */
public final class RabbitEventBroker implements EventBroker, DisposableBean {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate template;
    private final RabbitAdmin admin;
    private final String exchange;
    private final Duration confirmTimeout;
    private volatile boolean declared;

    public RabbitEventBroker(EventsProperties properties) {
        this.connections = new CachingConnectionFactory(properties.brokerUrl());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        connections.setConnectionNameStrategy(factory -> "bakery-event-relay");
        this.template = new RabbitTemplate(connections);
        template.setMandatory(true);
        // A returned message is read from its CorrelationData (set before its confirm completes).
        template.setReturnsCallback(returned -> { });
        this.admin = new RabbitAdmin(connections);
        admin.setAutoStartup(false);
        this.exchange = properties.exchange();
        this.confirmTimeout = properties.confirmTimeout();
    }

    /** The exchange events go to. */
    public String exchange() {
        return exchange;
    }

    @Override
    public List<String> publish(String source, List<OutboxEvent> events) {
        List<String> outcomes = new ArrayList<>(events.size());
        try {
            declareExchange();
        } catch (RuntimeException e) {
            String reason = "broker unavailable: " + describe(e);
            events.forEach(event -> outcomes.add(reason));
            return outcomes;
        }
        List<CorrelationData> sent = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            CorrelationData correlation = new CorrelationData(event.messageId().toString());
            try {
                template.send(exchange, event.type(), message(source, event), correlation);
            } catch (RuntimeException e) {
                correlation.getFuture().complete(new CorrelationData.Confirm(false, "not sent: " + describe(e)));
            }
            sent.add(correlation);
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (CorrelationData correlation : sent) {
            outcomes.add(outcome(correlation, deadline));
        }
        return outcomes;
    }

    private String outcome(CorrelationData correlation, long deadline) {
        try {
            CorrelationData.Confirm confirm = correlation.getFuture()
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!confirm.ack()) {
                return "nacked by the broker" + (confirm.reason() == null ? "" : ": " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                return "unroutable: " + correlation.getReturned().getReplyText() + " (no queue bound for routing key "
                        + correlation.getReturned().getRoutingKey() + ")";
            }
            return null;
        } catch (TimeoutException e) {
            return "no confirm within " + confirmTimeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the confirm";
        } catch (ExecutionException e) {
            return "confirm failed: " + describe(e.getCause());
        }
    }

    private Message message(String source, OutboxEvent event) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(event.messageId().toString());
        properties.setType(event.type());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(event.occurredAt()));
        properties.setAppId("bakery-ia/" + source);
        properties.setHeader("subject_id", event.subjectId().toString());
        properties.setHeader("sequence", event.sequence());
        properties.setHeader("source", source);
        return new Message(event.payload().getBytes(StandardCharsets.UTF_8), properties);
    }

    private void declareExchange() {
        if (!declared) {
            admin.declareExchange(new TopicExchange(exchange, true, false));
            declared = true;
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    @Override
    public void destroy() {
        connections.destroy();
    }
}
