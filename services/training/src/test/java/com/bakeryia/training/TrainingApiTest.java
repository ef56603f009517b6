package com.bakeryia.training;

import java.util.List;
import java.util.Map;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.endpoints.DataServiceEndpointContractTest;
import com.bakeryia.testsupport.endpoints.TenantEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Model training jobs over real HTTP, with the tenant service deciding access. */
@SpringBootTest(classes = TrainingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingApiTest extends DataServiceEndpointContractTest {

    @Override
    protected List<TenantEndpoint> endpoints() {
        return List.of(
                TenantEndpoint.create("training-jobs", tenant -> Map.of("algorithm", "ARIMA")).actingUser("requested_by")
                        .rejects("algorithm", "MAGIC"),
                TenantEndpoint.list("training-jobs"));
    }

    @Test
    void memberQueuesAJobAndViewerListsIt() {
        ApiClient.Response queued = api.post(path("training-jobs"), bakery.member().accessToken(), Map.of("algorithm", "PROPHET"));

        assertThat(queued.status()).as(queued.toString()).isEqualTo(201);
        assertThat(queued.json().path("status").asText()).isEqualTo("QUEUED");
        ApiClient.Response listed = api.get(path("training-jobs?limit=500"), bakery.viewer().accessToken());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsString("id")).contains(queued.json().path("id").asText());
    }
}
