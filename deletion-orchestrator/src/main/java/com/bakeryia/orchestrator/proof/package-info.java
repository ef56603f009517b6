/**
 * Proof of erasure: the hash-chained audit trail of every deletion action, and each completed job's
 * signed certificate with its hand-over token, depending on nothing of the orchestrator but the job
 * store ({@code job}).
 */
package com.bakeryia.orchestrator.proof;
