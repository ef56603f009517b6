package com.bakeryia.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import com.bakeryia.testsupport.mail.TestMailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The person is told by mail, read from a real SMTP server, when the erasure of their account is
 * scheduled (when, and how to cancel) and when it is cancelled; each exactly once, also when the
 * orchestrator sends the same schedule again (a retry after a crash) or restores twice.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ErasureMailsTest {

    private static final String SCHEDULED = "Your Bakery-IA account is scheduled for deletion";
    private static final String CANCELLED = "The deletion of your Bakery-IA account was cancelled";
    private static final String COMPLETED = "Your Bakery-IA account was erased";

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestMailServer.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    AuthUserParticipant participant;

    @Autowired
    @Qualifier("auth")
    ServiceDatabase db;

    @Test
    void theScheduleAndItsCancellationByLoggingInAreEachMailedOnceThoughSentTwice() throws Exception {
        Member user = TenantFixture.register(api(), "erasure-mail", UUID.randomUUID().toString().substring(0, 8));
        Instant at = Instant.parse("2027-03-01T10:30:00Z");

        assertThat(directory.scheduleDeletion(user.userId(), at)).isTrue();
        assertThat(directory.scheduleDeletion(user.userId(), at)).as("the orchestrator's retry").isTrue();

        // The verification mail of the registration, and one notice of the schedule.
        MimeMessage scheduled = only(TestMailServer.awaitMails(user.email(), 2), SCHEDULED);
        assertThat(TestMailServer.text(scheduled)).contains("2027-03-01 10:30 UTC").contains("cancel_deletion")
                .doesNotContain(user.userId().toString());

        Map<String, Object> login = new LinkedHashMap<>(Map.of("email", user.email(), "password", TenantFixture.PASSWORD));
        login.put("cancel_deletion", true);
        ApiClient.Response cancelled = api().post("/api/v1/auth/login", null, login);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(directory.restore(user.userId())).as("a repeated restore").isTrue();

        List<MimeMessage> mails = TestMailServer.awaitMails(user.email(), 3);
        assertThat(only(mails, SCHEDULED).getMessageID()).isEqualTo(scheduled.getMessageID());
        assertThat(TestMailServer.text(only(mails, CANCELLED))).contains("scheduled for 2027-03-01 10:30 UTC, was cancelled");
    }

    @Test
    void aDisabledAccountIsToldItCannotCancelBySigningInAndAMovedScheduleIsANewNotice() throws Exception {
        Member user = TenantFixture.register(api(), "erasure-mail", UUID.randomUUID().toString().substring(0, 8));
        Instant later = Instant.parse("2027-04-01T00:00:00Z");
        Instant sooner = Instant.parse("2027-02-01T00:00:00Z");
        db.jdbc().update("update auth.users set status = 'DISABLED' where id = ?", user.userId());

        directory.scheduleDeletion(user.userId(), later);
        directory.scheduleDeletion(user.userId(), sooner);

        List<MimeMessage> mails = TestMailServer.awaitMails(user.email(), 3);
        List<MimeMessage> notices = mails.stream().filter(mail -> subject(mail).equals(SCHEDULED)).toList();
        assertThat(notices).hasSize(2);
        // Both are queued at once, so they may arrive in either order.
        assertThat(notices).map(TestMailServer::text).anySatisfy(text -> assertThat(text).contains("2027-04-01 00:00 UTC"))
                .anySatisfy(text -> assertThat(text).contains("2027-02-01 00:00 UTC"))
                .allSatisfy(text -> assertThat(text).contains("disabled").doesNotContain("cancel_deletion"));
    }

    @Test
    void theErasureMailsTheAddressOnceBeforeItIsGoneThoughTheFinalStepRunsTwice() throws Exception {
        Member user = TenantFixture.register(api(), "erasure-mail", UUID.randomUUID().toString().substring(0, 8));
        directory.scheduleDeletion(user.userId(), Instant.parse("2027-05-01T00:00:00Z"));
        TestMailServer.awaitMails(user.email(), 2);
        assertThat(directory.markDeleting(user.userId())).isTrue();
        UUID runId = UUID.randomUUID();

        participant.delete(DeletionSubject.user(user.userId()), runId);
        participant.delete(DeletionSubject.user(user.userId()), runId);

        MimeMessage completed = only(TestMailServer.awaitMails(user.email(), 3), COMPLETED);
        assertThat(TestMailServer.text(completed)).contains("were erased at").contains("/api/v1/deletion-certificates/")
                .contains("Deletion-Certificate-Token").doesNotContain(user.userId().toString());
        // Marked sent (and the address cleared) just after the server accepted it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.jdbc().queryForObject(
                "select count(*) from auth.mail_outbox where recipient_email = ?", Long.class, user.email()))
                .as("the address, once the mail is sent").isZero());
        assertThat(db.jdbc().queryForObject("select count(*) from auth.users where id = ?", Long.class, user.userId()))
                .isZero();
    }

    private static MimeMessage only(List<MimeMessage> mails, String subject) {
        List<MimeMessage> matching = mails.stream().filter(mail -> subject(mail).equals(subject)).toList();
        assertThat(matching).as("mails with subject %s", subject).hasSize(1);
        return matching.get(0);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }
}
