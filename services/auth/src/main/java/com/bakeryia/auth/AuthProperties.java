package com.bakeryia.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Auth settings under {@code bakery.auth.*}.
 *
 * @param serviceClients   extra service clients (operators, external jobs) by client id, for example
 *                         {@code bakery.auth.service-clients.ops.secret} or
 *                         {@code BAKERY_AUTH_SERVICECLIENTS_OPS_SECRET}; the platform's own client
 *                         ({@code bakery.service-client.*}) is always accepted as well
 * @param refreshTokenTtl  how long a refresh token may be used
 * @param maxFailedLogins  failed logins of one account within {@code loginWindow} that lock it
 * @param loginWindow      the window in which failures are counted
 * @param loginLockout     how long a locked account refuses logins (answering 429)
 * @param bcryptStrength   BCrypt cost factor (log2 rounds) for new password hashes
 * @param passwordCheckPermits password hashes (login checks, registrations) that may run at once;
 *                         0, the default, means half the processors, at least one, so a login flood
 *                         leaves CPU to the other services
 * @param passwordCheckWait how long a login or registration waits for a free permit before it is
 *                         answered 503 with {@code Retry-After}
 * @param operators        e-mail addresses (any case, comma-separated) whose accounts hold the platform
 *                         role OPERATOR for as long as this setting names them: read whenever an account
 *                         is read, never copied into the account, so removing an address revokes the role
 *                         on that person's next request; empty by default
 */
@ConfigurationProperties("bakery.auth")
record AuthProperties(
        Map<String, ServiceClient> serviceClients,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration loginWindow,
        @DefaultValue("15m") Duration loginLockout,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("0") int passwordCheckPermits,
        @DefaultValue("1s") Duration passwordCheckWait,
        List<String> operators) {

    AuthProperties {
        serviceClients = serviceClients == null ? Map.of() : Map.copyOf(serviceClients);
        operators = operators == null ? List.of() : operators.stream().map(String::strip)
                .filter(address -> !address.isEmpty()).map(address -> address.toLowerCase(Locale.ROOT)).toList();
        for (String address : operators) {
            if (address.indexOf('@') < 1 || address.indexOf('@') == address.length() - 1) {
                throw new IllegalArgumentException("bakery.auth.operators takes e-mail addresses, comma-separated;"
                        + " '" + address + "' is not one.");
            }
        }
        if (passwordCheckPermits < 0) {
            throw new IllegalArgumentException("bakery.auth.password-check-permits must not be negative, got "
                    + passwordCheckPermits + ".");
        }
    }

    /** The addresses of {@code operators}, lower-cased, as login compares addresses (case-insensitively). */
    Set<String> operatorAddresses() {
        return Set.copyOf(operators);
    }

    /** The permits in force: the configured number, or half the processors (at least one) when 0. */
    int effectivePasswordCheckPermits() {
        return passwordCheckPermits > 0 ? passwordCheckPermits
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * A configured service client.
     *
     * @param secret the secret it presents with its client id
     */
    record ServiceClient(String secret) {
    }
}
