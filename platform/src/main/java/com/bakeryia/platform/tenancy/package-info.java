/**
 * Tenant isolation for every service: who may read or write a tenant's data, answered by the
 * tenant service (in-process or over HTTP) and cached briefly.
 */
package com.bakeryia.platform.tenancy;
