package com.bakeryia.auth;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.security.PlatformJwtDecoders;
import com.bakeryia.platform.security.PublicPaths;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Entry point of the auth service: imported when the auth target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("auth")
@EnableConfigurationProperties(AuthProperties.class)
public class AuthServiceConfiguration {

    /**
     * Registration, login, token refresh and logout, the service-credential exchange and the
     * published public keys need no bearer token.
     */
    @Bean
    PublicPaths authPublicPaths() {
        return PublicPaths.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                "/api/v1/auth/logout", "/api/v1/auth/service-token", PlatformJwtDecoders.JWKS_PATH);
    }

    @Bean
    PasswordHasher passwordHasher(AuthProperties properties) {
        return new PasswordHasher(new BCryptPasswordEncoder(properties.bcryptStrength()));
    }
}
