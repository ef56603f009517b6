/**
 * A job's life as a whole: created (or found) with its first steps, started when its grace window
 * ends or at once, cancelled by a restore or a withdrawal, put back to work after a failure; and
 * what a user job records of the tenants the user owns and who may take them over.
 */
package com.bakeryia.orchestrator.lifecycle;
