package com.bakeryia.platform.tenancy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tenant isolation settings under {@code bakery.tenancy.*}.
 *
 * @param cacheTtl how long a membership answer from the tenant service is reused
 */
@ConfigurationProperties("bakery.tenancy")
public record TenancyProperties(@DefaultValue("2s") Duration cacheTtl) {
}
