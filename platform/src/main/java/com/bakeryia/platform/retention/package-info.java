/**
 * What the law keeps: a tenant's jurisdiction ({@link com.bakeryia.platform.retention.Country}), the
 * versioned catalogue of retention rules per jurisdiction and kind of record ({@link
 * com.bakeryia.platform.retention.RetentionCatalogue}, bundled as {@code retention/catalogue.json},
 * defaults for the operator's counsel to check) and the operator's overrides of it.
 */
package com.bakeryia.platform.retention;
