package com.bakeryia.training;

import java.util.Map;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TrainingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingApiTest {

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
    void memberQueuesAJobAndViewerListsIt() {
        ApiClient.Response queued = api.post(path(), tenant.member().accessToken(), Map.of("algorithm", "PROPHET"));

        assertThat(queued.status()).as(queued.toString()).isEqualTo(201);
        assertThat(queued.json().path("status").asText()).isEqualTo("QUEUED");
        assertThat(queued.json().path("requested_by").asText()).isEqualTo(tenant.member().userId().toString());
        ApiClient.Response listed = api.get(path() + "?limit=500", tenant.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(queued.json().path("id").asText());
    }

    @Test
    void viewerMayListButNotQueue() {
        assertThat(api.get(path(), tenant.viewer().accessToken()).status()).isEqualTo(200);
        ApiClient.Response refused = api.post(path(), tenant.viewer().accessToken(), Map.of("algorithm", "ARIMA"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void outsiderIsRefusedAndAnonymousIsUnauthorised() {
        assertThat(api.get(path(), tenant.outsider().accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path(), tenant.outsider().accessToken(), Map.of("algorithm", "ARIMA")).status()).isEqualTo(403);
        assertThat(api.get(path(), null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        ApiClient.Response badAlgorithm = api.post(path(), tenant.member().accessToken(), Map.of("algorithm", "MAGIC"));
        ApiClient.Response otherRequester = api.post(path(), tenant.member().accessToken(),
                Map.of("algorithm", "XGBOOST", "requested_by", tenant.owner().userId()));
        ApiClient.Response unknownField = api.post(path(), tenant.member().accessToken(),
                Map.of("algorithm", "XGBOOST", "epochs", 3));

        assertThat(badAlgorithm.status()).isEqualTo(400);
        assertThat(badAlgorithm.isProblem()).isTrue();
        assertThat(badAlgorithm.text()).contains("algorithm");
        assertThat(otherRequester.status()).isEqualTo(400);
        assertThat(otherRequester.text()).contains("requested_by");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(api.get(path() + "?offset=-1", tenant.member().accessToken()).status()).isEqualTo(400);
    }

    private String path() {
        return "/api/v1/tenants/" + tenant.tenantId() + "/training-jobs";
    }
}
