package com.bakeryia.testsupport.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/**
 * The mails of a platform with no SMTP server configured (the embedded default): {@code .eml}
 * files in {@code <data-dir>/mail}, read as a newcomer would open them.
 */
public final class EmlFiles {

    private static final Session SESSION = Session.getInstance(new Properties());

    private EmlFiles() {
    }

    /** Every mail written so far to {@code <dataDir>/mail} for {@code address}, oldest first. */
    public static List<MimeMessage> mailsTo(Path dataDir, String address) {
        Path directory = dataDir.resolve("mail");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".eml")).sorted().map(EmlFiles::read)
                    .filter(message -> addressedTo(message, address)).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the first link starting with {@code prefix} in a mail to {@code address}, and answers it. */
    public static String awaitLink(Path dataDir, String address, String prefix) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(dataDir, address).stream().anyMatch(m -> TestMailServer.text(m).contains(prefix)));
        return mailsTo(dataDir, address).stream().filter(m -> TestMailServer.text(m).contains(prefix))
                .map(m -> TestMailServer.link(m, prefix)).findFirst().orElseThrow();
    }

    private static MimeMessage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(SESSION, in);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            var to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Stream.of(to).anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
