/**
 * {@code ctl}, the operator command line: the deletion operations (jobs, tenants, users,
 * certificates, the audit trail) against a running platform over its HTTP API. It starts no
 * platform, opens no database, and takes credentials from the environment or a private file only.
 */
package com.bakeryia.launcher.ctl;
