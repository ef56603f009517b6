package com.bakeryia.tenant;

import java.util.Map;
import java.util.UUID;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.bakeryia.platform.data.ServiceDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's end-to-end flow over real HTTP: register two users, log in, create a tenant, add the
 * second as ADMIN, transfer ownership, list admins, remove memberships by service call (owner
 * membership blocked), delete the tenant through its deletion job.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TenantLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    @Qualifier("tenant")
    ServiceDatabase db;

    @Test
    void registerLoginCreateAddTransferListRemoveMarkAndRemoveTheRecord() {
        ApiClient api = ApiClient.onPort(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Member alice = TenantFixture.register(api, "alice", run);
        Member bob = TenantFixture.register(api, "bob", run);
        String service = tokens.issueServiceToken("ops").value();

        var created = api.post("/api/v1/tenants", alice.accessToken(), Map.of("name", "Alice's Bakery"));
        assertThat(created.status()).isEqualTo(201);
        UUID tenantId = UUID.fromString(created.json().path("id").asText());
        assertThat(created.json().path("owner_id").asText()).isEqualTo(alice.userId().toString());
        assertThat(created.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.header("Location")).containsExactly("/api/v1/tenants/" + tenantId);

        var added = api.post("/api/v1/tenants/" + tenantId + "/members", alice.accessToken(),
                Map.of("user_id", bob.userId().toString(), "role", "ADMIN"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/tenants", bob.accessToken()).json().findValuesAsString("id"))
                .contains(tenantId.toString());

        var transfer = api.post("/api/v1/tenants/" + tenantId + "/transfer-ownership", alice.accessToken(),
                Map.of("new_owner_id", bob.userId().toString()));
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(200);
        assertThat(transfer.json().path("previous_owner_id").asText()).isEqualTo(alice.userId().toString());
        assertThat(transfer.json().path("new_owner_id").asText()).isEqualTo(bob.userId().toString());

        var admins = api.get("/api/v1/tenants/" + tenantId + "/admins", alice.accessToken());
        assertThat(admins.status()).isEqualTo(200);
        JsonNode adminItems = admins.json().path("items");
        assertThat(adminItems).hasSize(2);
        assertThat(adminItems.get(0).path("user_id").asText()).isEqualTo(bob.userId().toString());
        assertThat(adminItems.get(0).path("role").asText()).isEqualTo("OWNER");
        assertThat(adminItems.get(1).path("user_id").asText()).isEqualTo(alice.userId().toString());
        assertThat(adminItems.get(1).path("role").asText()).isEqualTo("ADMIN");
        assertThat(adminItems.get(1).path("since").isMissingNode()).isFalse();
        assertThat(api.get("/api/v1/tenants/" + tenantId, alice.accessToken()).json().path("owner_id").asText())
                .isEqualTo(bob.userId().toString());

        var aliceRemoved = api.delete("/api/v1/tenants/user/" + alice.userId() + "/memberships", service);
        assertThat(aliceRemoved.status()).isEqualTo(200);
        assertThat(aliceRemoved.json().path("complete").asBoolean()).isTrue();
        assertThat(aliceRemoved.json().path("removed").asInt()).isEqualTo(1);

        var bobBlocked = api.delete("/api/v1/tenants/user/" + bob.userId() + "/memberships", service);
        assertThat(bobBlocked.status()).isEqualTo(200);
        assertThat(bobBlocked.json().path("complete").asBoolean()).isFalse();
        assertThat(bobBlocked.json().path("blocked").asInt()).isEqualTo(1);
        assertThat(bobBlocked.json().path("blocking_tenant_ids").get(0).asText()).isEqualTo(tenantId.toString());
        JsonNode outcome = bobBlocked.json().path("memberships").get(0);
        assertThat(outcome.path("outcome").asText()).isEqualTo("BLOCKED");
        assertThat(outcome.path("reason").asText()).contains(tenantId.toString());
        assertThat(api.get("/api/v1/tenants/" + tenantId + "/members", service).json().path("items")).hasSize(1);

        // The deletion orchestrator's two calls: mark the tenant (no writes from now on), then, once
        // every data service is empty, remove the tenant record through the tenant participant.
        var marked = api.put("/api/v1/tenants/" + tenantId + "/status", service, Map.of("status", "DELETING"));
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(marked.json().path("status").asText()).isEqualTo("DELETING");
        assertThat(api.post("/api/v1/tenants/" + tenantId + "/members", bob.accessToken(),
                Map.of("user_id", alice.userId().toString(), "role", "MEMBER")).status()).isEqualTo(409);
        var removed = api.delete("/api/v1/tenant/tenant/" + tenantId, service);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("deleted").path("tenant.memberships").asInt()).isEqualTo(1);
        assertThat(removed.json().path("deleted").path("tenant.tenants").asInt()).isEqualTo(1);

        assertThat(api.get("/api/v1/tenants/" + tenantId, service).status()).isEqualTo(404);
        assertThat(db.jdbc().queryForObject("select count(*) from tenant.subscriptions where tenant_id = ?",
                Long.class, tenantId)).isZero();
        assertThat(db.jdbc().queryForObject("select payload ->> 'deleted_by' from tenant.outbox_events"
                + " where event_type = 'tenant.deleted' and aggregate_id = ?", String.class, tenantId))
                .isEqualTo(TenantRecordParticipant.ORCHESTRATOR.subject());
        // The feed serves an event once no transaction older than its own is still running (other
        // tests share the database), so it may take a moment to show.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> api.get(
                "/api/v1/tenants/events?after=0&limit=1000", service).json().path("events").valueStream()
                .anyMatch(event -> event.path("aggregate_id").asText().equals(tenantId.toString())));
        var feed = api.get("/api/v1/tenants/events?after=0&limit=1000", service);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.json().path("events").valueStream()
                .filter(event -> event.path("aggregate_id").asText().equals(tenantId.toString())))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.path("event_type").asText()).isEqualTo("tenant.deleted");
                    assertThat(event.path("payload").path("memberships_deleted").asInt()).isEqualTo(1);
                });
        assertThat(api.get("/api/v1/tenants/events", bob.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tenants/events?limit=0", service).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/tenants/events?after=12", service).status()).as("not a cursor the feed gave")
                .isEqualTo(400);
        // Gone: it can no longer be marked.
        assertThat(api.put("/api/v1/tenants/" + tenantId + "/status", service, Map.of("status", "DELETING")).status())
                .isEqualTo(404);
        // The tenant service's own part stays idempotent when called again directly.
        var again = api.delete("/api/v1/tenant/tenant/" + tenantId, service);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("deleted").properties()).as("a second call deletes nothing")
                .allSatisfy(table -> assertThat(table.getValue().asLong()).as(table.getKey()).isZero());
    }

    @Test
    void aScheduledDeletionCanBeUndoneUntilTheTenantIsDeleting() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String service = tokens.issueServiceToken("deletion-orchestrator").value();
        String status = "/api/v1/tenants/" + fixture.tenantId() + "/status";
        String members = "/api/v1/tenants/" + fixture.tenantId() + "/members";

        var scheduled = api.put(status, service, Map.of("status", "PENDING_DELETION",
                "deletion_scheduled_for", "2027-01-31T10:00:00Z"));

        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.json().path("status").asText()).isEqualTo("PENDING_DELETION");
        assertThat(scheduled.json().path("deletion_scheduled_for").asText()).isEqualTo("2027-01-31T10:00:00Z");
        var read = api.get("/api/v1/tenants/" + fixture.tenantId(), fixture.viewer().accessToken());
        assertThat(read.status()).as("members still read").isEqualTo(200);
        assertThat(api.get("/api/v1/tenants/" + fixture.tenantId() + "/access?user_id=" + fixture.member().userId(), service)
                .json().path("deletion_scheduled_for").asText()).isEqualTo("2027-01-31T10:00:00Z");
        var extra = TenantFixture.register(api, "late", java.util.UUID.randomUUID().toString().substring(0, 8));
        assertThat(api.post(members, fixture.owner().accessToken(), Map.of("user_id", extra.userId().toString(),
                "role", "MEMBER")).status()).as("no changes while scheduled").isEqualTo(409);

        var restored = api.put(status, service, Map.of("status", "ACTIVE"));

        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(restored.json().has("deletion_scheduled_for")).isFalse();
        assertThat(api.post(members, fixture.owner().accessToken(), Map.of("user_id", extra.userId().toString(),
                "role", "MEMBER")).status()).as("changes work again").isEqualTo(201);
        assertThat(api.put(status, service, Map.of("status", "DELETING")).status()).isEqualTo(200);
        var tooLate = api.put(status, service, Map.of("status", "ACTIVE"));
        assertThat(tooLate.status()).as(tooLate.toString()).isEqualTo(409);
        assertThat(tooLate.json().path("detail").asText()).contains("cannot be restored");
        assertThat(api.put(status, service, Map.of("status", "PENDING_DELETION", "deletion_scheduled_for",
                "2027-01-31T10:00:00Z")).status()).isEqualTo(409);
    }

    @Test
    void listsAnswerOnePageAtATimeInTheirStableOrder() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String owner = fixture.owner().accessToken();
        String members = "/api/v1/tenants/" + fixture.tenantId() + "/members";
        UUID second = TenantFixture.createTenant(api, fixture.owner(), "Second bakery");

        var firstPage = api.get(members + "?limit=2", owner);
        assertThat(firstPage.status()).as(firstPage.toString()).isEqualTo(200);
        assertThat(firstPage.json().path("limit").asInt()).isEqualTo(2);
        assertThat(firstPage.json().path("offset").asInt()).isZero();
        assertThat(firstPage.json().path("items").findValuesAsString("user_id"))
                .containsExactly(fixture.owner().userId().toString(), fixture.admin().userId().toString());
        assertThat(api.get(members + "?limit=2&offset=2", owner).json().path("items").findValuesAsString("user_id"))
                .containsExactly(fixture.member().userId().toString(), fixture.viewer().userId().toString());
        assertThat(api.get(members + "?limit=2&offset=4", owner).json().path("items")).isEmpty();
        var everyone = api.get(members, owner).json();
        assertThat(everyone.path("limit").asInt()).as("the default page").isEqualTo(50);
        assertThat(everyone.path("items")).hasSize(4);

        var admins = "/api/v1/tenants/" + fixture.tenantId() + "/admins";
        assertThat(api.get(admins + "?limit=1", owner).json().path("items").findValuesAsString("user_id"))
                .containsExactly(fixture.owner().userId().toString());
        assertThat(api.get(admins + "?limit=1&offset=1", owner).json().path("items").findValuesAsString("user_id"))
                .containsExactly(fixture.admin().userId().toString());
        assertThat(api.get(admins + "?limit=1&offset=2", owner).json().path("items")).isEmpty();

        assertThat(api.get("/api/v1/tenants?limit=1", owner).json().path("items").findValuesAsString("id"))
                .containsExactly(fixture.tenantId().toString());
        assertThat(api.get("/api/v1/tenants?limit=1&offset=1", owner).json().path("items").findValuesAsString("id"))
                .containsExactly(second.toString());
        assertThat(api.get("/api/v1/tenants", owner).json().path("items")).hasSize(2);
    }

    @Test
    void fixtureGivesOneUserPerRoleAndTheAccessLookupAnswersEach() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        String service = tokens.issueServiceToken("ops").value();
        String access = "/api/v1/tenants/" + fixture.tenantId() + "/access?user_id=";

        assertThat(api.get(access + fixture.owner().userId(), service).json().path("role").asText()).isEqualTo("OWNER");
        assertThat(api.get(access + fixture.admin().userId(), service).json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(api.get(access + fixture.member().userId(), service).json().path("role").asText()).isEqualTo("MEMBER");
        assertThat(api.get(access + fixture.viewer().userId(), service).json().path("role").asText()).isEqualTo("VIEWER");
        var outsider = api.get(access + fixture.outsider().userId(), service);
        assertThat(outsider.status()).isEqualTo(200);
        assertThat(outsider.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(outsider.json().has("role")).isFalse();
        assertThat(api.get("/api/v1/tenants/" + UUID.randomUUID() + "/access?user_id=" + fixture.owner().userId(), service)
                .status()).isEqualTo(404);
    }
}
