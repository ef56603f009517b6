/**
 * What a deletion job is and where it is kept: its kinds, statuses and phases, the plan that says
 * what runs next, who asked for it, the job store's tables, and the job store's reads (summaries,
 * pages, figures) that every other part shares.
 */
package com.bakeryia.orchestrator.job;
