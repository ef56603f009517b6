package com.bakeryia.auth;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.identity.PlatformRole;
import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.mail.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified addresses over real HTTP and a real SMTP server in the test JVM: the link is read from
 * the mail that arrived and followed as a browser would (no sign-in); an operator address named by
 * {@code bakery.auth.operators} (this module's test configuration) gives the role only once
 * verified; a taken address answers as a free one and its owner is told; a look-alike address is
 * the same address.
 */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class VerifiedAddressesTest {

    static final String PASSWORD = "kneading-dough-7";
    static final String LINK = "/api/v1/auth/email-verification?token=";

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestMailServer.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    @Qualifier("auth")
    ServiceDatabase db;

    @Test
    void aVerificationLinkFollowedFromTheMailVerifiesTheAddressWithoutSigningIn() {
        String email = uniqueAddress();
        ApiClient.Response registered = register(email, "Ada Baker");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().has("email_verified_at")).isFalse();

        MimeMessage mail = TestMailServer.awaitMails(email, 1).get(0);
        String link = TestMailServer.link(mail, "http://");
        assertThat(link).contains(LINK).startsWith("http://127.0.0.1:" + port + "/");
        ApiClient.Response followed = follow(link);

        assertThat(followed.status()).as(followed.toString()).isEqualTo(200);
        assertThat(followed.json().path("email").asText()).isEqualTo(email);
        String verifiedAt = followed.json().path("email_verified_at").asText();
        assertThat(verifiedAt).isNotBlank();
        assertThat(me(login(email)).path("email_verified_at").asText()).isEqualTo(verifiedAt);
        ApiClient.Response again = follow(link);
        assertThat(again.status()).as("a second click (or a mail scanner's before it) is no error").isEqualTo(200);
        assertThat(again.json().path("email_verified_at").asText()).isEqualTo(verifiedAt);
        String token = link.substring(link.indexOf("token=") + "token=".length());
        ApiClient.Response posted = api().post("/api/v1/auth/email-verification", null, Map.of("token", token));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertThat(TestMailServer.text(mail)).as("no more than its reader has").doesNotContain("Ada Baker").contains("confirm");
    }

    @Test
    void unknownMalformedAndMissingTokensAreProblems() {
        ApiClient.Response unknown = api().get(LINK + "A".repeat(43), null);
        ApiClient.Response malformed = api().get(LINK + "not%20a%20token", null);
        ApiClient.Response missing = api().get("/api/v1/auth/email-verification", null);
        ApiClient.Response postedEmpty = api().post("/api/v1/auth/email-verification", null, Map.of());

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(postedEmpty.status()).as(postedEmpty.toString()).isEqualTo(400);
        for (ApiClient.Response problem : List.of(unknown, malformed, missing, postedEmpty)) {
            assertThat(problem.isProblem()).as(problem.toString()).isTrue();
        }
    }

    @Test
    void aSquatterRegisteringTheConfiguredOperatorAddressGetsNoOperatorRights() {
        // bakery.auth.operators names squatted-operator@bakery.test; the squatter has no access to its mailbox.
        String address = "squatted-operator@bakery.test";
        ApiClient.Response registered = register(address, "Squatter");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(roles(registered.json())).as("the registration answer").isEmpty();
        UUID squatter = accountId(address);

        String token = login(address);

        assertThat(roles(me(token))).isEmpty();
        assertThat(directory.account(squatter).orElseThrow().holds(PlatformRole.OPERATOR)).isFalse();
        assertThat(TestMailServer.awaitMails(address, 1)).as("the link went to the owner's mailbox, not to the squatter")
                .hasSize(1);
    }

    @Test
    void theConfiguredOperatorAddressGivesTheRoleOnceItsOwnerVerifiedIt() {
        String address = "kim-operator@bakery.test";
        register(address, "Kim");
        String token = login(address);
        assertThat(roles(me(token))).isEmpty();

        follow(TestMailServer.link(TestMailServer.awaitMails(address, 1).get(0), "http://"));

        assertThat(roles(me(token))).containsExactly("OPERATOR");
        assertThat(directory.account(accountId(address)).orElseThrow().holds(PlatformRole.OPERATOR)).isTrue();
    }

    @Test
    void aKelvinSignLookAlikeOfAnAddressIsThatAddressNoSecondAccountAndNoLogin() throws Exception {
        String local = "k" + UUID.randomUUID().toString().substring(0, 8);
        String owner = local + "@example.com";
        String lookAlike = "\u212A" + local.substring(1) + "@example.com";
        assertThat(register(owner, "Owner").status()).isEqualTo(201);
        follow(TestMailServer.link(TestMailServer.awaitMails(owner, 1).get(0), "http://"));

        ApiClient.Response squatted = api().post("/api/v1/auth/register", null,
                Map.of("email", lookAlike, "password", "another-password-9", "full_name", "Look Alike"));

        assertThat(squatted.status()).isEqualTo(201);
        assertThat(squatted.json().path("email").asText()).as("stored and answered normalised").isEqualTo(owner);
        assertThat(db.jdbc().queryForObject("select count(*) from auth.users where email in (?, ?)", Integer.class,
                owner, lookAlike)).as("no second account").isEqualTo(1);
        assertThat(api().post("/api/v1/auth/login", null, Map.of("email", lookAlike, "password", "another-password-9"))
                .status()).as("the look-alike's password opens nothing").isEqualTo(401);
        List<MimeMessage> toOwner = TestMailServer.awaitMails(owner, 2);
        assertThat(toOwner.get(1).getSubject()).contains("tried to register");
        assertThat(login(lookAlike)).as("the owner signs in with either spelling").isNotBlank();
    }

    @Test
    void registeringATakenAddressAnswersExactlyAsAFreeOneAndMailsTheOwner() throws Exception {
        String taken = uniqueAddress();
        String free = uniqueAddress();
        assertThat(register(taken, "First Owner").status()).isEqualTo(201);
        UUID ownerId = accountId(taken);

        ApiClient.Response takenAnswer = register(taken, "Same Name");
        ApiClient.Response freeAnswer = register(free, "Same Name");

        assertThat(takenAnswer.status()).isEqualTo(freeAnswer.status()).isEqualTo(201);
        assertThat(fieldNames(takenAnswer.json())).isEqualTo(fieldNames(freeAnswer.json()));
        for (String field : List.of("full_name", "status", "platform_roles")) {
            assertThat(takenAnswer.json().path(field)).as(field).isEqualTo(freeAnswer.json().path(field));
        }
        assertThat(takenAnswer.json().path("email").asText()).isEqualTo(taken);
        assertThat(takenAnswer.headers().headerNames()).isEqualTo(freeAnswer.headers().headerNames());
        assertThat(takenAnswer.header("Location").get(0)).matches("/api/v1/users/[0-9a-f-]{36}")
                .isNotEqualTo("/api/v1/users/" + ownerId);
        assertThat(takenAnswer.contentType()).isEqualTo(freeAnswer.contentType());
        assertThat(accountId(taken)).as("the account is untouched").isEqualTo(ownerId);
        List<MimeMessage> toOwner = TestMailServer.awaitMails(taken, 2);
        MimeMessage notice = toOwner.stream().filter(m -> subject(m).contains("tried to register")).findFirst().orElseThrow();
        assertThat(TestMailServer.text(notice)).doesNotContain("Same Name").doesNotContain("http");
        assertThat(TestMailServer.awaitMails(free, 1).get(0).getSubject()).contains("Confirm");
    }

    @Test
    void aChangedAddressIsUnverifiedAndAnOldLinkVerifiesNothing() {
        String email = uniqueAddress();
        register(email, "Mover");
        String link = TestMailServer.link(TestMailServer.awaitMails(email, 1).get(0), "http://");
        UUID id = accountId(email);
        db.jdbc().update("update auth.users set email_verified_at = now() where id = ?", id);

        // No endpoint changes an address yet; any path that does (here SQL) forgets the verification.
        String moved = uniqueAddress();
        db.jdbc().update("update auth.users set email = ? where id = ?", moved, id);

        assertThat(db.jdbc().queryForObject("select email_verified_at from auth.users where id = ?", java.sql.Timestamp.class, id))
                .isNull();
        ApiClient.Response stale = follow(link);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.isProblem()).isTrue();
    }

    @Test
    void aSignedInPersonAsksForANewLinkAndGetsOneOnlyWhenNoneIsFresh() {
        String email = uniqueAddress();
        register(email, "Asker");
        String token = login(email);
        TestMailServer.awaitMails(email, 1);

        ApiClient.Response tooSoon = api().post("/api/v1/users/me/email-verification", token, Map.of());
        assertThat(tooSoon.status()).as(tooSoon.toString()).isEqualTo(202);
        assertThat(tooSoon.json().path("mailed").asBoolean()).isFalse();

        db.jdbc().update("update auth.email_verifications set created_at = created_at - interval '1 hour'"
                + " where user_id = ?", accountId(email));
        ApiClient.Response resent = api().post("/api/v1/users/me/email-verification", token, Map.of());
        assertThat(resent.json().path("mailed").asBoolean()).isTrue();
        List<MimeMessage> mails = TestMailServer.awaitMails(email, 2);
        assertThat(follow(TestMailServer.link(mails.get(1), "http://")).status()).isEqualTo(200);
        ApiClient.Response verified = api().post("/api/v1/users/me/email-verification", token, Map.of());
        assertThat(verified.json().path("mailed").asBoolean()).as("verified already").isFalse();
    }

    private ApiClient.Response follow(String link) {
        URI uri = URI.create(link);
        return api().get(uri.getRawPath() + "?" + uri.getRawQuery(), null);
    }

    private ApiClient.Response register(String email, String name) {
        return api().post("/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD, "full_name", name));
    }

    private String login(String email) {
        ApiClient.Response login = api().post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().path("access_token").asText();
    }

    private JsonNode me(String token) {
        return api().get("/api/v1/users/me", token).json();
    }

    private UUID accountId(String email) {
        return db.jdbc().queryForObject("select id from auth.users where email = ?", UUID.class, EmailAddresses.normalise(email));
    }

    private static List<String> roles(JsonNode account) {
        return account.path("platform_roles").valueStream().map(JsonNode::asText).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().sorted().toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }

    static String uniqueAddress() {
        return "verify-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
