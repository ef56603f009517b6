/** Bulk demo data: each service fills a tenant with realistic rows at a named size. */
package com.bakeryia.platform.demodata;
