/** The tenant service: owns tenant, holding tenants, memberships and subscriptions. */
package com.bakeryia.tenant;
