/**
 * The deletion orchestrator: durable jobs that delete a tenant's data in every participant, in
 * parallel, with leases, retries, a verification pass and the tenant record removed last.
 */
package com.bakeryia.orchestrator;
