package com.bakeryia.auth;

import java.time.Duration;
import java.util.List;
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
 *                         role OPERATOR for as long as this setting names them, once the account has
 *                         verified the address: read whenever an account is read, never copied into the
 *                         account, so removing an address revokes the role on that person's next
 *                         request; empty by default. Compared by {@link EmailAddresses#normalise}
 * @param emailVerification {@code soft} (the default): a new account can log in and use the platform at
 *                         once, but nothing that trusts its address applies before it is verified (the
 *                         role of {@code operators}, mails that carry secrets); {@code required}: no
 *                         login before the address is verified (a login with the right password is
 *                         answered 403 and mails a new link)
 * @param verificationLinkTtl how long a verification link works
 * @param publicUrl        where people's browsers reach the process that runs auth
 *                         ({@code https://identity.example.com}), the start of the links in mails;
 *                         unset: {@code http://<server.address>:<the port this process listens on>}
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
        List<String> operators,
        @DefaultValue("soft") EmailVerification emailVerification,
        @DefaultValue("2d") Duration verificationLinkTtl,
        String publicUrl) {

    /** Whether an account must verify its address before it can log in. */
    enum EmailVerification {
        /** Logins at once; what trusts the address waits for its verification. */
        SOFT,
        /** No login before the address is verified. */
        REQUIRED
    }

    AuthProperties {
        serviceClients = serviceClients == null ? Map.of() : Map.copyOf(serviceClients);
        operators = operators == null ? List.of() : operators.stream().map(String::strip)
                .filter(address -> !address.isEmpty()).map(EmailAddresses::normalise).toList();
        for (String address : operators) {
            if (address.indexOf('@') < 1 || address.indexOf('@') == address.length() - 1) {
                throw new IllegalArgumentException("bakery.auth.operators takes e-mail addresses, comma-separated;"
                        + " '" + address + "' is not one.");
            }
        }
        if (verificationLinkTtl.isNegative() || verificationLinkTtl.isZero()) {
            throw new IllegalArgumentException("bakery.auth.verification-link-ttl must be positive, got "
                    + verificationLinkTtl + ".");
        }
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
        if (passwordCheckPermits < 0) {
            throw new IllegalArgumentException("bakery.auth.password-check-permits must not be negative, got "
                    + passwordCheckPermits + ".");
        }
    }

    /** The addresses of {@code operators}, normalised as every address is. */
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
