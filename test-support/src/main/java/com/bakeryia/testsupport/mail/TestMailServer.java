package com.bakeryia.testsupport.mail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/**
 * One real SMTP server (GreenMail) per test JVM, on a free loopback port, that accepts every mail
 * for every address. A test points the platform at it with {@link #register} in a
 * {@code @DynamicPropertySource} method (every class doing so shares one Spring context), sends
 * to addresses of its own, and reads what arrived with {@link #awaitMails}.
 */
public final class TestMailServer {

    private static final GreenMail SERVER = start();

    private TestMailServer() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mail-server-stop"));
        return server;
    }

    /** Points {@code spring.mail.*} at this server, and lets the relay poll often. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SERVER.getSmtp().getPort());
        registry.add("bakery.mail.poll-interval", () -> "200ms");
    }

    /** Every mail received so far for {@code address}, in arrival order. */
    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SERVER.getReceivedMessages()).filter(message -> addressedTo(message, address)).toList();
    }

    /**
     * Waits until {@code address} has received {@code count} mails, then waits a little longer and
     * checks that no further mail came (a duplicate would arrive within the relay's next polls).
     */
    public static List<MimeMessage> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(address).size() >= count);
        // No sleep: poll for a while and require the count to hold throughout.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(address).size() == count);
        return mailsTo(address);
    }

    /** The first link in the body that starts with {@code prefix}. */
    public static String link(MimeMessage message, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "[^\\s>\"]*").matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("No link starting with " + prefix + " in: " + text(message));
        }
        return matcher.group();
    }

    /** The decoded text of a plain-text mail. */
    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String text ? text : GreenMailUtil.getBody(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                            .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
