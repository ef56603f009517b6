/**
 * Data source wiring: one shared pool over one database (embedded by default) with a schema per
 * service, or a service's own database when configured; Flyway migrations per schema.
 */
package com.bakeryia.platform.data;
