package com.bakeryia.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.testsupport.deletion.UserDataParticipantContractTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The deletion contract for the auth participant, which holds no tenant data: each person seeded is
 * a user with a refresh token and a login-throttle row for their address.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = RANDOM_PORT)
class AuthDeletionContractTest extends UserDataParticipantContractTest {

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle throttle;

    AuthDeletionContractTest() {
        super(AuthUserParticipant.SERVICE);
    }

    /** Users keep the case they registered with; the throttle row is keyed by an HMAC of the normalised address. */
    static String emailOf(UUID user) {
        return "Contract-" + user + "@Example.test";
    }

    @Override
    protected void seed(UUID tenantId, List<UUID> people) {
        Timestamp now = Timestamp.from(Instant.now());
        for (UUID person : people) {
            database().jdbc().update("insert into auth.users (id, email, full_name, password_hash, status, created_at)"
                    + " values (?, ?, 'Contract Person', 'not-a-hash', 'ACTIVE', ?) on conflict do nothing",
                    person, emailOf(person), now);
            database().jdbc().update("insert into auth.refresh_tokens (id, user_id, token_hash, issued_at, expires_at)"
                    + " values (?, ?, ?, ?, ?)", UUID.randomUUID(), person, UUID.randomUUID().toString(), now,
                    Timestamp.from(Instant.now().plusSeconds(3600)));
            throttle(emailOf(person));
            // An unsent mail about the account, as a lapsed claim leaves it (sent ones keep no person).
            database().jdbc().update("insert into auth.mail_outbox (id, dedup_key, recipient_user_id, recipient_email, subject,"
                    + " body, next_attempt_at) values (?, ?, ?, ?, 'Contract mail', 'body', now() + interval '1 day')",
                    UUID.randomUUID(), "contract:" + UUID.randomUUID(), person, emailOf(person));
        }
    }

    @Test
    void erasingAUserDeletesTheThrottleRowOfTheirAddressAndNoOther() {
        UUID leaving = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        seed(UUID.randomUUID(), List.of(leaving, staying));
        String unknown = "nobody-" + UUID.randomUUID() + "@example.test";
        throttle(unknown);

        DeletionPreview preview = participant().preview(DeletionSubject.user(leaving));
        DeletionResult result = participant().delete(DeletionSubject.user(leaving));

        assertThat(preview.toDelete()).isEqualTo(Map.of("auth.refresh_tokens", 1L, "auth.login_throttle", 1L, "auth.mail_outbox", 1L,
                "auth.users", 1L));
        assertThat(result.deleted()).isEqualTo(preview.toDelete());
        assertThat(throttleRows(emailOf(leaving))).isZero();
        assertThat(throttleRows(emailOf(staying))).isOne();
        assertThat(throttleRows(unknown)).isOne();
        assertThat(participant().preview(DeletionSubject.user(leaving)).remaining()).isZero();
    }

    private void throttle(String address) {
        database().jdbc().update("insert into auth.login_throttle (account_key, failures, window_started_at, expires_at)"
                + " values (?, 1, ?, ?) on conflict do nothing", throttle.keyOf(address), Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now().plusSeconds(3600)));
    }

    private long throttleRows(String address) {
        return database().jdbc().queryForObject("select count(*) from auth.login_throttle where account_key = ?",
                Long.class, throttle.keyOf(address));
    }
}
