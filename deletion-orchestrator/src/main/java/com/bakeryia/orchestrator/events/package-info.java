/**
 * Deletion events: what each audited action announces to the rest of the platform (a tenant
 * deletion scheduled, restored, started, completed; a person's erasure scheduled, cancelled,
 * started, completed), written to the orchestrator's outbox in the transaction of the action.
 */
package com.bakeryia.orchestrator.events;
