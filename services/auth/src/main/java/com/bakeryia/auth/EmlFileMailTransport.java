package com.bakeryia.auth;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With no SMTP server configured (the embedded default): each mail becomes one {@code .eml} file in
 * {@code <data-dir>/mail}, named by when it was queued and its outbox id, so a retry rewrites the
 * same file instead of adding one. Any mail program opens it; the log names the file. The files hold
 * personal data and links that act on accounts: owner-readable only, and meant for development.
 */
final class EmlFileMailTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(EmlFileMailTransport.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final String from;

    EmlFileMailTransport(Path directory, String from) {
        this.directory = directory;
        this.from = from;
    }

    @Override
    public void deliver(OutgoingMail mail) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(STAMP.format(mail.createdAt()) + "-" + mail.id() + ".eml");
        Path partial = directory.resolve(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            MailMessages.of(mail, from).writeTo(out);
        }
        ownerOnly(partial);
        // Whole or not at all: a reader never sees half a mail, and a retry replaces the same file.
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("Mail \"{}\" written to {} (no SMTP server configured: spring.mail.host is unset)", mail.subject(),
                file.toAbsolutePath().normalize());
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | java.io.IOException ignored) {
            // Not a POSIX file system: the directory's own permissions apply.
        }
    }

    @Override
    public String describe() {
        return ".eml files in " + directory.toAbsolutePath().normalize();
    }
}
