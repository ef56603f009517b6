package com.bakeryia.platform.events;

import java.util.List;

/**
 * Where a relay publishes: answers, for each event given, whether the broker took it for good.
 * An event counts as published only when the broker confirmed it and routed it to at least one queue.
 */
public interface EventBroker {

    /** The outcome of each event, in the order given: null when confirmed and routed, else why not. */
    List<String> publish(String source, List<OutboxEvent> events);
}
