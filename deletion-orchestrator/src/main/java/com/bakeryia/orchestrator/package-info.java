/**
 * The deletion orchestrator (durable jobs that delete a tenant's or a person's data in every
 * participant, in parallel, with leases, retries, a verification pass and the subject's record
 * removed last), wired from its parts by {@link DeletionOrchestratorConfiguration}, on which nothing
 * but the launcher's targets list depends.
 */
package com.bakeryia.orchestrator;
