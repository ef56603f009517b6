/**
 * The orchestrator's Java API for what callers ask: preview, start or schedule, restore, read and
 * retry a tenant's deletion ({@link DeletionJobs}) or a person's erasure ({@link UserDeletions}),
 * with the grace windows' settings.
 */
package com.bakeryia.orchestrator.requests;
