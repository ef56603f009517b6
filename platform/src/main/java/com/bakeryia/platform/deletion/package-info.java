/**
 * The shared deletion engine: services state their tables declaratively in a {@link
 * com.bakeryia.platform.deletion.DeletionPlan}; the engine runs set-based, chunked SQL, checks at
 * start-up that every schema of the process declares each of its tenant tables and its columns
 * naming a person or holding an e-mail address (against an empty plan if none), and serves the
 * per-service HTTP binding of the deletion contract; {@link
 * com.bakeryia.platform.deletion.DataServices} says which services every deletion job visits.
 */
package com.bakeryia.platform.deletion;
