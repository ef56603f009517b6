package com.bakeryia.auth;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.testsupport.mail.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox relay against a real SMTP server in the test JVM: a queued mail arrives once, with
 * the outbox row's Message-ID, and the row then keeps no address or body; the same event queued
 * twice is one mail; a mail whose relay died mid-send is sent once when its claim lapses.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailRelayTest {

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestMailServer.register(registry);
    }

    @Autowired
    MailOutbox outbox;

    @Autowired
    @Qualifier("auth")
    ServiceDatabase db;

    @Test
    void aQueuedMailArrivesOnceWithTheRowsMessageIdAndTheRowForgetsAddressAndBody() throws Exception {
        String to = uniqueAddress();
        String key = "test:" + UUID.randomUUID();

        assertThat(outbox.queue(new Mail(key, null, to, "Welcome to Bakery-IA", "Grüße aus der Backstube.\nLine two."))).isTrue();

        List<MimeMessage> received = TestMailServer.awaitMails(to, 1);
        MimeMessage mail = received.get(0);
        UUID id = db.jdbc().queryForObject("select id from auth.mail_outbox where dedup_key = ?", UUID.class, key);
        assertThat(mail.getMessageID()).isEqualTo("<" + id + "@bakery-ia>");
        assertThat(mail.getSubject()).isEqualTo("Welcome to Bakery-IA");
        assertThat(TestMailServer.text(mail)).contains("Grüße aus der Backstube.").contains("Line two.");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        var row = db.jdbc().queryForMap("select sent_at, recipient_email, body, attempts from auth.mail_outbox where id = ?", id);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("recipient_email")).isNull();
        assertThat(row.get("body")).isNull();
        assertThat(row.get("attempts")).isEqualTo(1);
    }

    @Test
    void theSameEventQueuedTwiceIsOneMail() {
        String to = uniqueAddress();
        String key = "test:" + UUID.randomUUID();

        assertThat(outbox.queue(new Mail(key, null, to, "Once", "first"))).isTrue();
        assertThat(outbox.queue(new Mail(key, null, to, "Once", "second"))).isFalse();

        MimeMessage mail = TestMailServer.awaitMails(to, 1).get(0);
        assertThat(TestMailServer.text(mail)).contains("first");
    }

    @Test
    void aMailWhoseRelayDiedMidSendIsSentOnceWhenItsClaimLapses() throws Exception {
        String to = uniqueAddress();
        UUID id = UUID.randomUUID();
        // As a relay leaves a mail when it crashed after claiming it: attempted once, claim lapsed.
        db.jdbc().update("insert into auth.mail_outbox (id, dedup_key, recipient_email, subject, body, attempts, claimed_until)"
                + " values (?, ?, ?, 'After a crash', 'body', 1, now() - interval '1 second')", id, "test:" + id, to);

        MimeMessage mail = TestMailServer.awaitMails(to, 1).get(0);

        assertThat(mail.getMessageID()).isEqualTo("<" + id + "@bakery-ia>");
        assertThat(db.jdbc().queryForObject("select attempts from auth.mail_outbox where id = ?", Integer.class, id))
                .isEqualTo(2);
    }

    @Test
    void aMailClaimedByALiveRelayIsLeftToIt() {
        String to = uniqueAddress();
        UUID id = UUID.randomUUID();
        db.jdbc().update("insert into auth.mail_outbox (id, dedup_key, recipient_email, subject, body, attempts, claimed_until)"
                + " values (?, ?, ?, 'Claimed elsewhere', 'body', 1, now() + interval '1 hour')", id, "test:" + id, to);

        TestMailServer.awaitMails(to, 0);

        assertThat(db.jdbc().queryForObject("select sent_at is null from auth.mail_outbox where id = ?", Boolean.class, id))
                .isTrue();
        db.jdbc().update("delete from auth.mail_outbox where id = ?", id);
    }

    @Test
    void theRetryWaitDoublesFromThirtySecondsUpToAnHour() {
        assertThat(MailRelay.retryAfter(1)).hasSeconds(30);
        assertThat(MailRelay.retryAfter(2)).hasSeconds(60);
        assertThat(MailRelay.retryAfter(3)).hasSeconds(120);
        assertThat(MailRelay.retryAfter(20)).hasHours(1);
    }

    static String uniqueAddress() {
        return "mail-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
