package com.bakeryia.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = NotificationTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationApiTest {

    private static TenantFixture tenant;

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void createTenantOnce() {
        api = ApiClient.onPort(port);
        if (tenant == null) {
            tenant = TenantFixture.create(api);
        }
    }

    @Test
    void memberNotifiesTwoMembersAndEachSeesTheirs() {
        ApiClient.Response sent = api.post(path(), tenant.member().accessToken(),
                message(List.of(tenant.viewer().userId(), tenant.admin().userId()), "Oven 2 is back"));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json()).hasSize(2);
        ApiClient.Response viewers = api.get(path() + "?recipient_user_id=" + tenant.viewer().userId(),
                tenant.viewer().accessToken());
        assertThat(viewers.status()).isEqualTo(200);
        assertThat(viewers.json().path("items").findValuesAsString("subject")).contains("Oven 2 is back");
        assertThat(viewers.json().path("items").findValuesAsString("recipient_user_id"))
                .containsOnly(tenant.viewer().userId().toString());
    }

    @Test
    void viewerMayListButNotSend() {
        assertThat(api.get(path(), tenant.viewer().accessToken()).status()).isEqualTo(200);
        ApiClient.Response refused = api.post(path(), tenant.viewer().accessToken(),
                message(List.of(tenant.member().userId()), "Hello"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void outsiderIsRefusedAndAnonymousIsUnauthorised() {
        assertThat(api.get(path(), tenant.outsider().accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path(), tenant.outsider().accessToken(),
                message(List.of(tenant.member().userId()), "Hello")).status()).isEqualTo(403);
        assertThat(api.get(path(), null).status()).isEqualTo(401);
    }

    @Test
    void aMessageWithOneRecipientOutsideTheTenantSendsNothing() {
        String subject = "Secret " + UUID.randomUUID();

        ApiClient.Response refused = api.post(path(), tenant.owner().accessToken(),
                message(List.of(tenant.member().userId(), tenant.outsider().userId()), subject));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text()).contains("recipient_user_ids").contains(tenant.outsider().userId().toString());
        assertThat(api.get(path() + "?limit=500", tenant.owner().accessToken()).json().path("items")
                .findValuesAsString("subject")).doesNotContain(subject);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        ApiClient.Response badChannel = api.post(path(), tenant.member().accessToken(), Map.of(
                "recipient_user_ids", List.of(tenant.member().userId()), "channel", "FAX", "category", "ORDERS",
                "subject", "s", "body", "b"));
        ApiClient.Response noRecipients = api.post(path(), tenant.member().accessToken(), message(List.of(), "s"));

        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.text()).contains("channel");
        assertThat(noRecipients.status()).isEqualTo(400);
        assertThat(noRecipients.text()).contains("recipient_user_ids");
    }

    private String path() {
        return "/api/v1/tenants/" + tenant.tenantId() + "/notifications";
    }

    private static Map<String, Object> message(List<UUID> recipients, String subject) {
        return Map.of("recipient_user_ids", recipients, "channel", "IN_APP", "category", "PRODUCTION",
                "subject", subject, "body", "Details inside.");
    }
}
