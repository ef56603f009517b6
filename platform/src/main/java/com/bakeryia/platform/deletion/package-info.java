/**
 * The shared deletion engine: services state their tables declaratively in a {@link
 * com.bakeryia.platform.deletion.DeletionPlan}; the engine runs set-based, chunked SQL, checks at
 * start-up that the plan covers every tenant or user column in the schema, and serves the
 * per-service HTTP binding of the deletion contract; {@link
 * com.bakeryia.platform.deletion.DataServices} says which services every deletion job visits.
 */
package com.bakeryia.platform.deletion;
