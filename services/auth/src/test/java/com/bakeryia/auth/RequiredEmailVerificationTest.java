package com.bakeryia.auth;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.mail.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bakery.auth.email-verification=required}: no login before the link mailed at registration is followed. */
@SpringBootTest(classes = AuthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "bakery.auth.email-verification=required")
class RequiredEmailVerificationTest {

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestMailServer.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aRightPasswordIsRefusedUntilTheAddressIsVerifiedThenLetIn() {
        String email = "required-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        Map<String, String> credentials = Map.of("email", email, "password", VerifiedAddressesTest.PASSWORD);
        assertThat(api().post("/api/v1/auth/register", null, Map.of("email", email, "password",
                VerifiedAddressesTest.PASSWORD, "full_name", "Strict")).status()).isEqualTo(201);

        ApiClient.Response refused = api().post("/api/v1/auth/login", null, credentials);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("email_verification_required").asBoolean()).isTrue();
        assertThat(refused.json().path("detail").asText()).contains("Confirm your e-mail address");
        assertThat(refused.text()).doesNotContain("access_token");
        assertThat(api().post("/api/v1/auth/login", null, Map.of("email", email, "password", "wrong-password-1")).status())
                .as("a wrong password is still just wrong").isEqualTo(401);
        // The registration's link is still fresh: the refused login mailed no second one.
        URI link = URI.create(TestMailServer.link(TestMailServer.awaitMails(email, 1).get(0), "http://"));

        assertThat(api().get(link.getRawPath() + "?" + link.getRawQuery(), null).status()).isEqualTo(200);

        ApiClient.Response login = api().post("/api/v1/auth/login", null, credentials);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("access_token").asText()).isNotBlank();
    }

    private ApiClient api() {
        return ApiClient.onPort(port);
    }
}
