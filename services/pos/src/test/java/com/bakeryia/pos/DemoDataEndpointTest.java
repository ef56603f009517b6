package com.bakeryia.pos;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.platform.deletion.DataServices;
import com.bakeryia.platform.demodata.DemoDataContributor;
import com.bakeryia.platform.demodata.DemoDataController;
import com.bakeryia.platform.demodata.TableCopy;
import com.bakeryia.platform.remote.RemoteServices;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.tenancy.TenantAccess;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The generator endpoints, served by the platform in any process; here only pos runs. */
@SpringBootTest(classes = PosTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoDataEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    List<DemoDataContributor> contributors;

    @Autowired
    DataServices dataServices;

    @Autowired
    TenantDirectory directory;

    @Autowired
    RemoteServices remoteServices;

    @Autowired
    BakeryProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    @Qualifier("pos")
    ServiceDatabase pos;

    @Test
    void fillsATenantInEveryLocalServiceWithItsMembersAsPeople() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);
        String service = tokens.issueServiceToken("demo-data-test").value();

        ApiClient.Response filled = api.post("/api/v1/tenants/" + tenant.tenantId() + "/demo-data?size=small", service, null);

        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        assertThat(filled.json().path("size").asText()).isEqualTo("small");
        assertThat(filled.json().path("services").path("pos").path("tables").path("pos.pos_transaction_items").asLong())
                .isGreaterThan(100);
        assertThat(filled.json().path("total_rows").asLong()).isEqualTo(filled.json().path("services").path("pos")
                .path("rows").asLong());
        assertThat(filled.json().path("rows_per_second").asLong()).isPositive();
        ApiClient.Response sessions = api.get("/api/v1/tenants/" + tenant.tenantId() + "/pos-sessions?limit=500",
                tenant.viewer().accessToken());
        assertThat(sessions.json().path("items").findValuesAsString("opened_by")).isNotEmpty()
                .allSatisfy(cashier -> assertThat(cashier).isIn(tenant.owner().userId().toString(),
                        tenant.admin().userId().toString(), tenant.member().userId().toString(),
                        tenant.viewer().userId().toString()));
    }

    @Test
    void fillsOneServiceThroughItsOwnEndpoint() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);

        ApiClient.Response filled = api.post("/api/v1/pos/tenant/" + tenant.tenantId() + "/demo-data?size=SMALL",
                tokens.issueServiceToken("demo-data-test").value(), null);

        assertThat(filled.status()).as(filled.toString()).isEqualTo(200);
        assertThat(filled.json().path("service").asText()).isEqualTo("pos");
        assertThat(filled.json().path("rows").asLong()).isGreaterThan(200);
    }

    @Test
    void refusesUsersUnknownSizesUnknownTenantsAndServicesNotRunningHere() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);
        String service = tokens.issueServiceToken("demo-data-test").value();
        String path = "/api/v1/tenants/" + tenant.tenantId() + "/demo-data";

        assertThat(api.post(path + "?size=small", null, null).status()).isEqualTo(401);
        assertThat(api.post(path + "?size=small", tenant.owner().accessToken(), null).status()).isEqualTo(403);
        ApiClient.Response badSize = api.post(path + "?size=huge", service, null);
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.isProblem()).isTrue();
        assertThat(badSize.text()).contains("size");
        assertThat(api.post("/api/v1/tenants/" + UUID.randomUUID() + "/demo-data?size=small", service, null).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/orders/tenant/" + tenant.tenantId() + "/demo-data?size=small", service, null)
                .status()).isEqualTo(404);
    }

    @Test
    void aGenerationAsksBeforeEachChunkAndWritesNothingOnceTheTenantIsNoLongerActive() {
        TenantFixture tenant = TenantFixture.create(ApiClient.onPort(port));
        List<Long> rowsAtEachAnswer = new ArrayList<>();
        // Answer 1 admits the generation, answers 2 to 4 a chunk each; from answer 5 on the tenant is DELETING.
        TenantDirectory markedAfterThreeChunks = new TenantDirectory() {
            @Override
            public Optional<TenantAccess> access(UUID tenantId, UUID userId) {
                rowsAtEachAnswer.add(rowsOf(tenantId));
                Optional<TenantAccess> real = directory.access(tenantId, userId);
                return rowsAtEachAnswer.size() <= 4 ? real
                        : real.map(access -> new TenantAccess(access.tenantId(), TenantStatus.DELETING, access.role()));
            }

            @Override
            public List<UUID> memberIds(UUID tenantId) {
                return directory.memberIds(tenantId);
            }
        };
        var generator = new DemoDataController(contributors, dataServices, markedAfterThreeChunks, remoteServices,
                properties, clock);

        assertThatThrownBy(() -> generator.fillService("pos", tenant.tenantId(), "large"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.getStatusCode().value()).isEqualTo(409))
                .hasMessageContaining("DELETING").hasMessageContaining("writing stopped");
        assertThat(rowsAtEachAnswer).as("one answer per chunk, none after the refusal").hasSize(5);
        assertThat(rowsOf(tenant.tenantId())).as("the three admitted chunks, nothing after the refusal")
                .isPositive().isEqualTo(rowsAtEachAnswer.get(4));
        assertThat(rowsAtEachAnswer.get(4)).isGreaterThan(rowsAtEachAnswer.get(3));
    }

    @Test
    void aChunkCommitsWellWithinASecondOfTheAnswerThatAdmittedIt() {
        TenantFixture tenant = TenantFixture.create(ApiClient.onPort(port));
        List<Long> answeredAt = new CopyOnWriteArrayList<>();
        TenantDirectory timed = new TenantDirectory() {
            @Override
            public Optional<TenantAccess> access(UUID tenantId, UUID userId) {
                answeredAt.add(System.nanoTime());
                return directory.access(tenantId, userId);
            }

            @Override
            public List<UUID> memberIds(UUID tenantId) {
                return directory.memberIds(tenantId);
            }
        };
        var generator = new DemoDataController(contributors, dataServices, timed, remoteServices, properties, clock);

        long rows = generator.fillService("pos", tenant.tenantId(), "large").rows();
        answeredAt.add(System.nanoTime());

        long longest = 0;
        for (int i = 1; i < answeredAt.size(); i++) {
            longest = Math.max(longest, answeredAt.get(i) - answeredAt.get(i - 1));
        }
        System.out.printf("pos large: %d rows in %d chunks of at most %d rows; longest from an answer to the next"
                + " (one chunk built, copied and committed): %d ms%n", rows, answeredAt.size() - 2, TableCopy.CHUNK_ROWS,
                longest / 1_000_000);
        assertThat(rows).isGreaterThan(TableCopy.CHUNK_ROWS);
        assertThat(Duration.ofNanos(longest)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aGenerationOverHttpStopsWithAProblemOnceTheTenantIsBeingDeleted() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture tenant = TenantFixture.create(api);
        String service = tokens.issueServiceToken("demo-data-test").value();
        CompletableFuture<ApiClient.Response> filling = CompletableFuture.supplyAsync(() ->
                api.post("/api/v1/tenants/" + tenant.tenantId() + "/demo-data?size=xlarge", service, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(tenant.tenantId()) > 0 || filling.isDone());

        ApiClient.Response marked = api.put("/api/v1/tenants/" + tenant.tenantId() + "/status", service,
                Map.of("status", "DELETING"));
        assertThat(marked.status()).as(marked.toString()).isLessThan(300);

        ApiClient.Response stopped = filling.join();
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(409);
        assertThat(stopped.isProblem()).isTrue();
        assertThat(stopped.json().path("detail").asText()).contains("DELETING").contains("writing stopped");
        long left = rowsOf(tenant.tenantId());
        assertThat(left).as("written before the mark, the deletion's to remove").isPositive()
                .as("less than the whole xlarge share of pos").isLessThan(250_000);
    }

    private long rowsOf(UUID tenantId) {
        long rows = 0;
        for (String table : List.of("pos_configurations", "pos_sessions", "pos_transactions", "pos_transaction_items")) {
            rows += pos.jdbc().queryForObject("select count(*) from pos." + table + " where tenant_id = ?", Long.class, tenantId);
        }
        return rows;
    }
}
