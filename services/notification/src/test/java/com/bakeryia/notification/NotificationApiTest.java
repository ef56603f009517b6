package com.bakeryia.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications to a tenant's members over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = NotificationTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("notifications", tenant -> message(List.of(bakery.member().userId()), "Hello"))
                        .rejects("channel", "FAX").rejects("recipient_user_ids", List.of()),
                TenantEndpoint.list("notifications"));
    }

    @Test
    void memberNotifiesTwoMembersAndEachSeesTheirs() {
        ApiClient.Response sent = api.post(path("notifications"), bakery.member().accessToken(),
                message(List.of(bakery.viewer().userId(), bakery.admin().userId()), "Oven 2 is back"));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json()).hasSize(2);
        ApiClient.Response viewers = api.get(path("notifications?recipient_user_id=" + bakery.viewer().userId()),
                bakery.viewer().accessToken());
        assertThat(viewers.status()).isEqualTo(200);
        assertThat(viewers.json().path("items").findValuesAsString("subject")).contains("Oven 2 is back");
        assertThat(viewers.json().path("items").findValuesAsString("recipient_user_id"))
                .containsOnly(bakery.viewer().userId().toString());
    }

    @Test
    void aMessageWithOneRecipientOutsideTheTenantSendsNothing() {
        String subject = "Secret " + UUID.randomUUID();

        ApiClient.Response refused = api.post(path("notifications"), bakery.owner().accessToken(),
                message(List.of(bakery.member().userId(), bakery.outsider().userId()), subject));

        assertProblem(refused, 400, "recipient_user_ids");
        assertThat(refused.text()).contains(bakery.outsider().userId().toString());
        assertThat(api.get(path("notifications?limit=500"), bakery.owner().accessToken()).json().path("items")
                .findValuesAsString("subject")).doesNotContain(subject);
    }

    private static Map<String, Object> message(List<UUID> recipients, String subject) {
        return Map.of("recipient_user_ids", recipients, "channel", "IN_APP", "category", "PRODUCTION",
                "subject", subject, "body", "Details inside.");
    }
}
