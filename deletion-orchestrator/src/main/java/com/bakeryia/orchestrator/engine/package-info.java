/**
 * The step lease engine and the worker: claiming due steps under a lease, running each attempt
 * (a participant's DELETE, VERIFY or FINAL, a user job's PREPARE) under a timeout with heartbeats,
 * recording its outcome, backing off and retrying, retrying FAILED jobs, and the job metrics.
 */
package com.bakeryia.orchestrator.engine;
