package com.bakeryia.tenant;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.bakeryia.platform.data.ServiceDatabase;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transfers of one tenant's ownership, to two different admins, started at the same moment by
 * the owner: exactly one wins, the loser is refused (its caller is no longer the owner), and the
 * tenant ends with exactly one OWNER, the same as {@code tenants.owner_user_id}.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class OwnershipTransferConcurrencyTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("tenant")
    ServiceDatabase db;

    @RepeatedTest(3)
    void ofTwoConcurrentTransfersExactlyOneWins() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        Member secondAdmin = TenantFixture.register(api, "admin2", "concurrent");
        TenantFixture.addMember(api, fixture.tenantId(), fixture.owner(), secondAdmin, "ADMIN");
        String transfer = "/api/v1/tenants/" + fixture.tenantId() + "/transfer-ownership";
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<ApiClient.Response>> calls = List.of(fixture.admin(), secondAdmin).stream()
                    .map(target -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return api.post(transfer, fixture.owner().accessToken(),
                                Map.of("new_owner_id", target.userId().toString()));
                    }, threads))
                    .toList();
            List<ApiClient.Response> responses = calls.stream().map(CompletableFuture::join).toList();

            assertThat(responses).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(200, 403);
            ApiClient.Response winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            UUID newOwner = UUID.fromString(winner.json().path("new_owner_id").asText());
            assertThat(db.jdbc().queryForList("select user_id from tenant.memberships where tenant_id = ? and role = 'OWNER'",
                    UUID.class, fixture.tenantId())).containsExactly(newOwner);
            assertThat(db.jdbc().queryForObject("select owner_user_id from tenant.tenants where id = ?", UUID.class,
                    fixture.tenantId())).isEqualTo(newOwner);
            assertThat(db.jdbc().queryForObject("select role from tenant.memberships where tenant_id = ? and user_id = ?",
                    String.class, fixture.tenantId(), fixture.owner().userId())).isEqualTo("ADMIN");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
