/**
 * The operator console: static pages served at {@code /console/} by the process that runs the
 * deletion orchestrator, with their security headers and the address where they sign people in.
 */
package com.bakeryia.orchestrator.console;
