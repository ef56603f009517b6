package com.bakeryia.auth;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Builds the MIME message of a queued mail: plain UTF-8 text (8bit) with the mail's one Message-ID. */
final class MailMessages {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MailMessages() {
    }

    static MimeMessage of(OutgoingMail mail, String from) throws MessagingException {
        MimeMessage message = new StableIdMessage(mail.messageId());
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.to()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(mail.createdAt()));
        message.setText(mail.body(), StandardCharsets.UTF_8.name());
        // Lines as written, not quoted-printable: a link in an .eml file stays whole and can be pasted.
        message.setHeader("Content-Transfer-Encoding", "8bit");
        // RFC 3834: a machine wrote it; auto-responders should not answer.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        return message;
    }

    /** A message whose Message-ID is the outbox row's, not a fresh one per save. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
