package com.bakeryia.launcher.deletion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.CallerKind;
import com.bakeryia.testsupport.fixtures.CallerTokens;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint the deletion orchestrator serves against every kind of caller (this module's tests
 * run without a grace window, so an allowed tenant DELETE starts at once): the tenant's owner,
 * admin, member (who is also the subject of the user endpoints) and viewer, the owner of another
 * tenant (who started the job the job endpoints read), a service, no token, an expired token and a
 * token signed with a key the platform does not trust. Refusals are problem+json. An allowed call
 * that deletes something gets a scenario of its own; refused calls share one, which a wrongly
 * allowed call would visibly change.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeletionAuthorizationMatrixTest {

    enum Endpoint {
        PREVIEW_TENANT(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/deletion-preview", token);
            }
        },
        DELETE_TENANT(true) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.delete("/api/v1/tenants/" + s.fixture.tenantId(), token);
            }
        },
        RESTORE_TENANT(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/tenants/" + s.fixture.tenantId() + "/restore", token, null);
            }
        },
        PREVIEW_USER(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/users/" + s.fixture.member().userId() + "/deletion-preview", token);
            }
        },
        DELETE_USER(true) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.delete("/api/v1/users/" + s.fixture.member().userId(), token);
            }
        },
        RESTORE_USER(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/users/" + s.fixture.member().userId() + "/restore", token, null);
            }
        },
        READ_JOB(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/deletion-jobs/" + s.otherTenantsJob(), token);
            }
        },
        LIST_JOBS(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/deletion-jobs?tenant_id=" + s.fixture.tenantId(), token);
            }
        },
        START_JOB(true) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/deletion-jobs", token, Map.of("kind", "TENANT",
                        "tenant_id", s.fixture.tenantId().toString()));
            }
        },
        RETRY_JOB(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/deletion-jobs/" + s.otherTenantsJob() + "/retry", token, null);
            }
        },
        READ_CERTIFICATE(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/deletion-jobs/" + s.otherTenantsJob() + "/certificate", token);
            }
        },
        AUDIT_ENTRIES(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/deletion-audit?job_id=" + s.otherTenantsJob(), token);
            }
        },
        AUDIT_VERIFICATION(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/deletion-audit/verification", token);
            }
        },
        SCAN_TENANT(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/orders/tenant/" + s.fixture.tenantId() + "/deletion-scan", token);
            }
        };

        final boolean destructive;

        Endpoint(boolean destructive) {
            this.destructive = destructive;
        }

        abstract ApiClient.Response call(Scenario scenario, String token);
    }

    /**
     * Expected status per caller, in the order of {@link CallerKind} up to SERVICE (bad tokens are always
     * 401). A retry by a service is a 409: the job it names has not failed.
     */
    private static final Map<Endpoint, int[]> EXPECTED = Map.ofEntries(
            Map.entry(Endpoint.PREVIEW_TENANT, new int[] {200, 200, 403, 403, 403, 200}),
            Map.entry(Endpoint.DELETE_TENANT, new int[] {202, 202, 403, 403, 403, 202}),
            // Nothing is scheduled in the shared tenant: those allowed to restore hear that, the others 403.
            Map.entry(Endpoint.RESTORE_TENANT, new int[] {409, 409, 403, 403, 403, 409}),
            Map.entry(Endpoint.PREVIEW_USER, new int[] {403, 403, 200, 403, 403, 200}),
            Map.entry(Endpoint.DELETE_USER, new int[] {403, 403, 202, 403, 403, 202}),
            // Services only (the subject too is refused: a person cancels by logging in); nothing is scheduled: 409.
            Map.entry(Endpoint.RESTORE_USER, new int[] {403, 403, 403, 403, 403, 409}),
            Map.entry(Endpoint.READ_JOB, new int[] {403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.LIST_JOBS, new int[] {403, 403, 403, 403, 403, 200}),
            Map.entry(Endpoint.START_JOB, new int[] {403, 403, 403, 403, 403, 202}),
            Map.entry(Endpoint.RETRY_JOB, new int[] {403, 403, 403, 403, 403, 409}),
            // Readable by whoever may read the job: its initiator (the other owner) and services.
            Map.entry(Endpoint.READ_CERTIFICATE, new int[] {403, 403, 403, 403, 200, 200}),
            Map.entry(Endpoint.AUDIT_ENTRIES, new int[] {403, 403, 403, 403, 403, 200}),
            Map.entry(Endpoint.AUDIT_VERIFICATION, new int[] {403, 403, 403, 403, 403, 200}),
            Map.entry(Endpoint.SCAN_TENANT, new int[] {403, 403, 403, 403, 403, 200}));

    private static Scenario shared;

    @LocalServerPort
    int port;

    @Autowired
    JwtTokens tokens;

    @Autowired
    JwtSigningKey signingKey;

    @Autowired
    SecurityProperties security;

    static Stream<Arguments> cases() {
        return CallerKind.cases(Endpoint.class, EXPECTED);
    }

    /**
     * The public certificate paths ignore whatever token comes along: the keys are anyone's, and
     * the hand-over answers only to the job's hand-over token (a tenant job has none), so 404 for all.
     */
    @ParameterizedTest(name = "public certificate paths for {0}")
    @org.junit.jupiter.params.provider.EnumSource(CallerKind.class)
    void thePublicCertificatePathsAnswerEveryCallerAlike(CallerKind caller) {
        Scenario scenario = sharedScenario();
        String token = token(caller, scenario);
        assertThat(scenario.api.get("/api/v1/deletion-certificates/jwks.json", token).status()).isEqualTo(200);
        ApiClient.Response handOver = scenario.api.get("/api/v1/deletion-certificates/" + scenario.otherTenantsJob(), token);
        assertThat(handOver.status()).as("%s: %s", caller, handOver).isEqualTo(404);
        assertThat(handOver.isProblem()).isTrue();
    }

    @ParameterizedTest(name = "{0} by {1} answers {2}")
    @MethodSource("cases")
    void eachCallerGetsExactlyWhatTheRuleAllows(Endpoint endpoint, CallerKind caller, int expected) {
        boolean changes = expected < 300 && endpoint.destructive;
        Scenario scenario = changes ? newScenario() : sharedScenario();

        ApiClient.Response response = endpoint.call(scenario, token(caller, scenario));

        assertThat(response.status()).as("%s by %s: %s", endpoint, caller, response).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("problem+json for %s", response).isTrue();
        }
        if (!changes) {
            // Nothing the shared scenario depends on was deleted or marked by a refused (or reading) call.
            JsonNode tenant = scenario.api.get("/api/v1/tenants/" + scenario.fixture.tenantId(),
                    scenario.fixture.owner().accessToken()).json();
            assertThat(tenant.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(scenario.api.get("/api/v1/users/me", scenario.fixture.member().accessToken()).status())
                    .isEqualTo(200);
        }
    }

    /** The tombstone names nobody: deleting "it" would rewrite it to itself forever. Every deletion endpoint says so at once. */
    @org.junit.jupiter.api.Test
    void theTombstoneIdIsRefusedByEveryDeletionEndpointAsABadRequest() {
        ApiClient api = ApiClient.onPort(port);
        String service = tokens.issueServiceToken("ops").value();
        String nil = "00000000-0000-0000-0000-000000000000";
        List<ApiClient.Response> answers = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> List.of(
                        api.delete("/api/v1/orders/user/" + nil, service),
                        api.get("/api/v1/orders/user/" + nil + "/deletion-preview", service),
                        api.delete("/api/v1/orders/tenant/" + nil, service),
                        api.delete("/api/v1/tenant/tenant/" + nil, service),
                        api.delete("/api/v1/auth/user/" + nil, service),
                        api.delete("/api/v1/users/" + nil, service),
                        api.get("/api/v1/users/" + nil + "/deletion-preview", service),
                        api.post("/api/v1/users/" + nil + "/restore", service, null),
                        api.delete("/api/v1/tenants/" + nil, service),
                        api.get("/api/v1/tenants/" + nil + "/deletion-preview", service),
                        api.post("/api/v1/deletion-jobs", service, Map.of("kind", "TENANT", "tenant_id", nil))));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.text()).contains("tombstone");
        });
    }

    /** The OpenAPI document states what the deletion endpoints answer, refusals included. */
    @org.junit.jupiter.api.Test
    void theApiDocumentListsEveryAnswerOfTheDeletionEndpoints() {
        JsonNode paths = ApiClient.onPort(port).get("/v3/api-docs", null).json().path("paths");

        assertThat(paths.path("/api/v1/tenants/{tenant_id}").path("delete").path("responses").propertyNames())
                .contains("202", "400", "401", "403", "404", "503");
        assertThat(paths.path("/api/v1/tenants/{tenant_id}/deletion-preview").path("get").path("responses").propertyNames())
                .contains("200", "401", "403", "404", "409");
        assertThat(paths.path("/api/v1/users/{user_id}").path("delete").path("responses").propertyNames())
                .contains("202", "400", "401", "403", "404", "409", "503");
        assertThat(paths.path("/api/v1/users/{user_id}/restore").path("post").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409", "503");
        assertThat(paths.path("/api/v1/deletion-jobs/{job_id}/retry").path("post").path("responses").propertyNames())
                .contains("202", "403", "404", "409");
        assertThat(paths.path("/api/v1/tenants/{tenant_id}/status").path("put").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409");
        assertThat(paths.path("/api/v1/tenants/{tenant_id}/restore").path("post").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "404", "409");
        assertThat(paths.path("/api/v1/tenants/user/{user_id}/memberships").path("get").path("responses").propertyNames())
                .contains("200", "400", "401", "403");
    }

    private Scenario sharedScenario() {
        if (shared == null || shared.port != port) {
            shared = newScenario();
        }
        return shared;
    }

    private Scenario newScenario() {
        ApiClient api = ApiClient.onPort(port);
        TenantFixture fixture = TenantFixture.create(api);
        return new Scenario(port, api, fixture);
    }

    private String token(CallerKind caller, Scenario scenario) {
        return new CallerTokens(tokens, signingKey, security).of(caller, scenario.fixture);
    }

    /** A tenant fixture; its outsider owns another tenant, deleted once by the outsider for the job endpoints. */
    static final class Scenario {

        final int port;
        final ApiClient api;
        final TenantFixture fixture;
        private UUID otherTenantsJob;

        Scenario(int port, ApiClient api, TenantFixture fixture) {
            this.port = port;
            this.api = api;
            this.fixture = fixture;
        }

        /** A completed job that deleted a tenant the outsider owned, started by the outsider. */
        synchronized UUID otherTenantsJob() {
            if (otherTenantsJob == null) {
                UUID other = TenantFixture.createTenant(api, fixture.outsider(), "Other bakery");
                ApiClient.Response started = api.delete("/api/v1/tenants/" + other, fixture.outsider().accessToken());
                assertThat(started.status()).as(started.toString()).isEqualTo(202);
                otherTenantsJob = UUID.fromString(started.json().path("job_id").asText());
                await().atMost(Duration.ofMinutes(1)).until(() -> api.get("/api/v1/deletion-jobs/" + otherTenantsJob,
                        fixture.outsider().accessToken()).json().path("status").asText().equals("COMPLETED"));
            }
            return otherTenantsJob;
        }
    }
}
