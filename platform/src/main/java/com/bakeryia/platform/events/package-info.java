/**
 * Events a service announces to the rest of the platform: its transactional outbox
 * ({@link com.bakeryia.platform.events.EventOutbox}, written in the transaction of the change) and
 * the relay that publishes it to RabbitMQ with publisher confirms ({@link com.bakeryia.platform.events.EventRelay}).
 */
package com.bakeryia.platform.events;
