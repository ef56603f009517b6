/**
 * Exports (GDPR Art. 15 and 20): a tenant's or a person's data as one ZIP of NDJSON and CSV per
 * table with a signed manifest, built by a durable job with a lease in the job store.
 */
package com.bakeryia.orchestrator.export;
