package com.bakeryia.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import com.bakeryia.platform.config.BakeryProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no SMTP server configured (the embedded default, as in this module's other tests), a queued
 * mail becomes one {@code .eml} file in {@code <data-dir>/mail}, owner-readable only.
 */
@SpringBootTest(classes = AuthTestApplication.class)
class EmlFileMailTest {

    @Autowired
    MailOutbox outbox;

    @Autowired
    BakeryProperties platform;

    @Test
    void aQueuedMailIsWrittenToOneEmlFileInTheDataDirectory() throws Exception {
        UUID marker = UUID.randomUUID();
        String to = "eml-" + marker.toString().substring(0, 8) + "@example.com";
        Path directory = platform.dataDir().resolve("mail");

        String link = "http://127.0.0.1:8080/api/v1/auth/email-verification?token=" + "x".repeat(60) + marker;
        outbox.queue(new Mail("test:" + marker, null, to, "Open me", "The marker is " + marker + ".\nOpen " + link + "\nGrüße"));

        await().atMost(Duration.ofSeconds(20)).until(() -> filesMentioning(directory, marker).count() == 1);
        Path file = filesMentioning(directory, marker).findFirst().orElseThrow();
        String eml = Files.readString(file);
        assertThat(file.getFileName().toString()).endsWith(".eml");
        assertThat(eml).contains("To: " + to).contains("Subject: Open me").contains("Message-ID: <")
                .as("a long link stays on one line, pasteable").contains(link).contains("Grüße");
        assertThat(Files.getPosixFilePermissions(file)).as("owner-only, as a set (its order is a hash set's)")
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    private static Stream<Path> filesMentioning(Path directory, UUID marker) throws Exception {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".eml")).filter(file -> {
                try {
                    return Files.readString(file).contains(marker.toString());
                } catch (Exception e) {
                    return false;
                }
            }).toList().stream();
        }
    }
}
