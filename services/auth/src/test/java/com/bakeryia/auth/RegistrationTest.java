package com.bakeryia.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration: a new account with a slow password hash, or a 4xx problem naming what was wrong and no account. */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class RegistrationTest {

    static final String PASSWORD = "kneading-dough-7";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("auth")
    ServiceDatabase db;

    @Test
    void registersTheUserAndAnswersItWithoutThePassword() {
        String email = uniqueEmail();

        var response = api().post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "full_name", "Ada Baker"));

        assertThat(response.status()).isEqualTo(201);
        String id = response.json().path("id").asText();
        assertThat(response.json().path("email").asText()).isEqualTo(email);
        assertThat(response.json().path("full_name").asText()).isEqualTo("Ada Baker");
        assertThat(response.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(response.json().path("created_at").asText()).isNotBlank();
        assertThat(response.text()).doesNotContain(PASSWORD).doesNotContain("hash");
        assertThat(response.header("Location")).containsExactly("/api/v1/users/" + id);
        String hash = db.jdbc().queryForObject("select password_hash from auth.users where id = ?", String.class,
                UUID.fromString(id));
        assertThat(hash).startsWith("$2").doesNotContain(PASSWORD);
    }

    @Test
    void anAddressThatExistsInAnyCaseIsNoSecondAccount() {
        String email = uniqueEmail();
        assertThat(register(email, PASSWORD).status()).isEqualTo(201);

        var duplicate = register(email.toUpperCase(), PASSWORD);

        // Answered as a free address would be (VerifiedAddressesTest compares the two): nothing tells it is taken.
        assertThat(duplicate.status()).isEqualTo(201);
        assertThat(duplicate.text()).doesNotContainIgnoringCase("exists");
        assertThat(accounts(email)).isEqualTo(1);
    }

    @ParameterizedTest(name = "password \"{0}\" is refused")
    @ValueSource(strings = {"short1", "onlyletterslong", "1234567890123", "aaaaaaaaaa1", "ééééééééééééééééééééééééééééééééééééé1"})
    void refusesWeakOrOverLongPasswords(String password) {
        String email = uniqueEmail();

        assertProblem(register(email, password), 400, "password");
        assertThat(accounts(email)).isZero();
    }

    @Test
    void refusesAPasswordThatContainsTheEmail() {
        String email = uniqueEmail();

        assertProblem(register(email, email.substring(0, email.indexOf('@')) + "9x"), 400, "email");
        assertThat(accounts(email)).isZero();
    }

    @ParameterizedTest(name = "email \"{0}\" is refused")
    @ValueSource(strings = {"no-at-sign", "user@nodot", "two@@example.com", "spa ce@example.com", "@example.com", " "})
    void refusesMalformedEmails(String email) {
        assertProblem(register(email, PASSWORD), 400, "email");
        assertThat(accounts(email)).isZero();
    }

    @Test
    void refusesMissingExtraOverLongAndMalformedInput() {
        String email = uniqueEmail();

        assertProblem(api().post("/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD)), 400,
                "full_name");
        Map<String, Object> extra = new HashMap<>(Map.of("email", email, "password", PASSWORD, "full_name", "A"));
        extra.put("status", "ADMIN");
        assertProblem(api().post("/api/v1/auth/register", null, extra), 400, "status");
        assertProblem(api().post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "full_name", "N".repeat(201))), 400, "full_name");
        assertProblem(api().sendRaw(HttpMethod.POST, "/api/v1/auth/register", null, "{\"email\":"), 400, "JSON");
        assertThat(accounts(email)).isZero();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }

    private ApiClient.Response register(String email, String password) {
        return api().post("/api/v1/auth/register", null, Map.of("email", email, "password", password, "full_name", "T"));
    }

    private int accounts(String email) {
        return db.jdbc().queryForObject("select count(*) from auth.users where lower(email) = lower(?)", Integer.class,
                email);
    }

    static String uniqueEmail() {
        return "baker-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    static void assertProblem(ApiClient.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().path("detail").asText()).as(response.toString()).containsIgnoringCase(mentioned);
    }
}
