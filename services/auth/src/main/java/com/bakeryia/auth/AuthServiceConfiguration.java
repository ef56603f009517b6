package com.bakeryia.auth;

import com.bakeryia.platform.BakeryService;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.deletion.DeletionPlan;
import com.bakeryia.platform.security.PlatformJwtDecoders;
import com.bakeryia.platform.security.PublicPaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Entry point of the auth service: imported when the auth target runs in this process. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@BakeryService("auth")
@EnableConfigurationProperties({AuthProperties.class, MailProperties.class})
public class AuthServiceConfiguration {

    /**
     * Registration, login, token refresh and logout, the service-credential exchange, following a
     * verification link (the token in it proves the mailbox) and the published public keys need no
     * bearer token.
     */
    @Bean
    PublicPaths authPublicPaths() {
        return PublicPaths.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                "/api/v1/auth/logout", "/api/v1/auth/service-token", "/api/v1/auth/email-verification",
                PlatformJwtDecoders.JWKS_PATH);
    }

    /**
     * What the auth schema holds of a person, for the coverage guard: all of it is deleted by the
     * auth participant ({@link AuthUserParticipant}) in the FINAL step of the user's deletion job.
     */
    @Bean
    DeletionPlan authDeletionPlan() {
        return DeletionPlan.forServiceWithOwnDeletion(AuthUserParticipant.SERVICE)
                .handledByService("users", "email", "the user's row (id, e-mail, name, password hash) deleted by the"
                        + " auth participant in the FINAL step of the user's job")
                .handledByService("refresh_tokens", "user_id", "revoked and deleted by the auth participant in the FINAL"
                        + " step, in the transaction that deletes the user")
                .handledByService("login_throttle", "account_key", "the row keyed by an HMAC of the user's address"
                        + " (no address is stored) deleted by the auth participant in the FINAL step, before the user row"
                        + " it is found through; every row expires with its window anyway")
                .handledByService("email_verifications", "user_id", "the user's verification links, deleted with the user"
                        + " row in the FINAL step (on delete cascade)")
                .handledByService("email_verifications", "email", "deleted with the user row in the FINAL step (on delete"
                        + " cascade)")
                .handledByService("mail_outbox", "recipient_user_id", "the user's unsent mails deleted by the auth participant"
                        + " in the FINAL step; a sent mail keeps no account, address or body")
                .handledByService("mail_outbox", "recipient_email", "cleared when the mail is sent; the user's unsent mails"
                        + " deleted by the auth participant in the FINAL step")
                .build();
    }

    /**
     * Where the platform's mails go: the SMTP server of {@code spring.mail.*} when
     * {@code spring.mail.host} is set (Spring Boot then provides the {@link JavaMailSender}), else
     * {@code .eml} files in {@code <data-dir>/mail}.
     */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, BakeryProperties platform, MailProperties mail,
                                Environment environment) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return new SmtpMailTransport(sender, mail.from(), environment.getProperty("spring.mail.host") + ":"
                    + environment.getProperty("spring.mail.port", "25"));
        }
        return new EmlFileMailTransport(platform.dataDir().resolve("mail"), mail.from());
    }

    @Bean
    MailRelay mailRelay(MailOutbox outbox, MailTransport transport, MailProperties properties) {
        return new MailRelay(outbox, transport, properties);
    }

    @Bean
    PasswordHasher passwordHasher(AuthProperties properties) {
        return new PasswordHasher(new BCryptPasswordEncoder(properties.bcryptStrength()));
    }

    @Bean
    PasswordChecks passwordChecks(AuthProperties properties) {
        return new PasswordChecks(properties.effectivePasswordCheckPermits(), properties.passwordCheckWait());
    }
}
