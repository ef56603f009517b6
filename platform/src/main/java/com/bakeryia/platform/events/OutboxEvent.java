package com.bakeryia.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of an outbox as the relay publishes it.
 *
 * @param sequence   the outbox row's id: increasing in the order the events were written, per outbox
 * @param messageId  the message's unique id, the same on every publication of the event (consumers deduplicate on it)
 * @param type       the event type, also its routing key ({@code tenant.deletion.completed})
 * @param subjectId  the subject it is about (a tenant's or a person's id): events of one subject are published in order
 * @param payload    the JSON body: ids, kinds and times, never names or addresses
 * @param occurredAt when the change happened
 * @param attempts   publications tried so far, this one included
 */
public record OutboxEvent(long sequence, UUID messageId, String type, UUID subjectId, String payload, Instant occurredAt,
                          int attempts) {
}
