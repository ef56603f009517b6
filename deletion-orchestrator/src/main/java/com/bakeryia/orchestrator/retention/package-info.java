/**
 * The purge at expiry of the records the law keeps of deleted tenants: a scheduled pass that asks
 * every data service to delete its expired archive rows in chunks, and certifies and audits what it
 * deleted.
 */
package com.bakeryia.orchestrator.retention;
