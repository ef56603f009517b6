package com.bakeryia.auth;

import org.springframework.mail.javamail.JavaMailSender;

/** Mails over SMTP through Spring Boot's {@link JavaMailSender} ({@code spring.mail.*}). */
final class SmtpMailTransport implements MailTransport {

    private final JavaMailSender sender;
    private final String from;
    private final String server;

    SmtpMailTransport(JavaMailSender sender, String from, String server) {
        this.sender = sender;
        this.from = from;
        this.server = server;
    }

    @Override
    public void deliver(OutgoingMail mail) throws Exception {
        // JavaMailSender keeps the Message-ID a message already has, so every attempt carries the row's.
        sender.send(MailMessages.of(mail, from));
    }

    @Override
    public String describe() {
        return "SMTP server " + server;
    }
}
