package com.bakeryia.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credentials this process presents to the auth service to obtain its service tokens, under
 * {@code bakery.service-client.*} ({@code BAKERY_SERVICECLIENT_ID}, {@code BAKERY_SERVICECLIENT_SECRET}).
 *
 * @param id     the client id, also the {@code sub} of the service tokens this process uses
 * @param secret the client secret; when unset it is generated once and kept in
 *               {@code <bakery.data-dir>/keys/service-client-secret}, so processes sharing a data
 *               directory (the embedded default) agree on it without configuration
 */
@ConfigurationProperties("bakery.service-client")
public record ServiceClientProperties(
        @DefaultValue("bakery-platform") String id,
        String secret) {
}
