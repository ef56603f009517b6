package com.bakeryia.tenant;

import com.bakeryia.platform.retention.RetentionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Gives every tenant without a jurisdiction {@code bakery.retention.default-country} before the
 * service takes requests: the tenants that existed before tenants had a country get it on the first
 * start after the upgrade, and keep it whatever the default is later (a tenant's jurisdiction does
 * not move with a setting).
 */
@Component
class TenantJurisdictions implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TenantJurisdictions.class);

    private final Tenants tenants;
    private final RetentionProperties retention;

    TenantJurisdictions(Tenants tenants, RetentionProperties retention) {
        this.tenants = tenants;
        this.retention = retention;
    }

    @Override
    public void afterPropertiesSet() {
        int assigned = tenants.assignCountryWhereMissing(retention.defaultCountry());
        if (assigned > 0) {
            log.info("{} tenants without a jurisdiction got the default country {} (bakery.retention.default-country)",
                    assigned, retention.defaultCountry());
        }
    }
}
