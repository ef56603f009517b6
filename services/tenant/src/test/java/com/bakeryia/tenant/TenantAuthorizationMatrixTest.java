package com.bakeryia.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.CallerKind;
import com.bakeryia.testsupport.fixtures.CallerTokens;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import com.bakeryia.testsupport.fixtures.TenantFixture.Member;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tenant endpoint against every kind of caller: the tenant's owner, admin, member and viewer,
 * the owner of another tenant, a service, the platform's OPERATOR (no more than any user outside the
 * tenant: the role is about deletion records), no token, an expired token and a token signed with a
 * key the platform does not trust. Refusals are problem+json. Callers that are allowed to change
 * or delete something get a state of their own; refused callers share one fixture, which a
 * wrongly allowed call would visibly change.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TenantAuthorizationMatrixTest {

    /** An endpoint, called against a tenant fixture whose other tenant's owner is the fixture's outsider. */
    enum Endpoint {
        CREATE_TENANT(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/tenants", token, Map.of("name", "Another bakery"));
            }
        },
        LIST_MY_TENANTS(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants", token);
            }
        },
        GET_TENANT(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/" + s.fixture.tenantId(), token);
            }
        },
        MARK_DELETING(true) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.put("/api/v1/tenants/" + s.fixture.tenantId() + "/status", token, Map.of("status", "DELETING"));
            }
        },
        LIST_USER_MEMBERSHIPS(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/user/" + s.fixture.member().userId() + "/memberships", token);
            }
        },
        REMOVE_USER_MEMBERSHIPS(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.delete("/api/v1/tenants/user/" + s.extraMember().userId() + "/memberships", token);
            }
        },
        TRANSFER_OWNERSHIP(true) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/tenants/" + s.fixture.tenantId() + "/transfer-ownership", token,
                        Map.of("new_owner_id", s.fixture.admin().userId().toString()));
            }
        },
        LIST_ADMINS(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/admins", token);
            }
        },
        ACCESS_LOOKUP(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/access?user_id="
                        + s.fixture.member().userId(), token);
            }
        },
        EVENT_FEED(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/events?after=0&limit=1", token);
            }
        },
        ADD_MEMBER(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.post("/api/v1/tenants/" + s.fixture.tenantId() + "/members", token,
                        Map.of("user_id", s.newUser().userId().toString(), "role", "MEMBER"));
            }
        },
        LIST_MEMBERS(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.get("/api/v1/tenants/" + s.fixture.tenantId() + "/members", token);
            }
        },
        CHANGE_ROLE(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.patch("/api/v1/tenants/" + s.fixture.tenantId() + "/members/" + s.extraMember().userId(),
                        token, Map.of("role", "VIEWER"));
            }
        },
        REMOVE_MEMBER(false) {
            ApiClient.Response call(Scenario s, String token) {
                return s.api.delete("/api/v1/tenants/" + s.fixture.tenantId() + "/members/" + s.extraMember().userId(),
                        token);
            }
        };

        /** Whether an allowed call changes the tenant so much that it needs a tenant of its own. */
        final boolean destructive;

        Endpoint(boolean destructive) {
            this.destructive = destructive;
        }

        abstract ApiClient.Response call(Scenario scenario, String token);
    }

    /**
     * Expected status per caller, in the order of {@link CallerKind} up to OPERATOR (the bad tokens are
     * always 401). The platform's OPERATOR acts on deletion records only: here it is a user in no tenant.
     */
    private static final Map<Endpoint, int[]> EXPECTED = Map.ofEntries(
            Map.entry(Endpoint.CREATE_TENANT, new int[] {201, 201, 201, 201, 201, 403, 201}),
            Map.entry(Endpoint.LIST_MY_TENANTS, new int[] {200, 200, 200, 200, 200, 403, 200}),
            Map.entry(Endpoint.GET_TENANT, new int[] {200, 200, 200, 200, 403, 200, 403}),
            Map.entry(Endpoint.MARK_DELETING, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.LIST_USER_MEMBERSHIPS, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.REMOVE_USER_MEMBERSHIPS, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.TRANSFER_OWNERSHIP, new int[] {200, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.LIST_ADMINS, new int[] {200, 200, 200, 200, 403, 200, 403}),
            Map.entry(Endpoint.ACCESS_LOOKUP, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.EVENT_FEED, new int[] {403, 403, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.ADD_MEMBER, new int[] {201, 201, 403, 403, 403, 201, 403}),
            Map.entry(Endpoint.LIST_MEMBERS, new int[] {200, 200, 200, 200, 403, 200, 403}),
            Map.entry(Endpoint.CHANGE_ROLE, new int[] {200, 200, 403, 403, 403, 200, 403}),
            Map.entry(Endpoint.REMOVE_MEMBER, new int[] {204, 204, 403, 403, 403, 204, 403}));


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

    @ParameterizedTest(name = "{0} by {1} answers {2}")
    @MethodSource("cases")
    void eachCallerGetsExactlyWhatTheRuleAllows(Endpoint endpoint, CallerKind caller, int expected) {
        boolean allowed = expected < 400;
        Scenario scenario = allowed && endpoint.destructive ? newScenario() : sharedScenario();

        ApiClient.Response response = endpoint.call(scenario, token(caller, scenario));

        assertThat(response.status()).as("%s by %s: %s", endpoint, caller, response).isEqualTo(expected);
        if (!allowed) {
            assertThat(response.isProblem()).as("problem+json for %s", response).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} by {1} leaves the tenant as it was")
    @MethodSource("changes")
    void neitherAMemberOfAnotherTenantNorAnOperatorCanChangeThisOne(Endpoint endpoint, CallerKind caller) {
        Scenario scenario = newScenario();
        List<String> before = members(scenario);

        assertThat(endpoint.call(scenario, token(caller, scenario)).status()).isEqualTo(403);

        // The call itself may have had the owner add the MEMBER it then tried to change or remove.
        List<String> after = members(scenario);
        assertThat(after).containsAll(before);
        assertThat(after.stream().filter(member -> !before.contains(member)))
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(added -> assertThat(added).contains("\"role\":\"MEMBER\""));
        assertThat(scenario.api.get("/api/v1/tenants/" + scenario.fixture.tenantId(), scenario.fixture.owner().accessToken())
                .json().path("owner_id").asText()).isEqualTo(scenario.fixture.owner().userId().toString());
    }

    private static List<String> members(Scenario scenario) {
        List<String> members = new ArrayList<>();
        scenario.api.get("/api/v1/tenants/" + scenario.fixture.tenantId() + "/members",
                scenario.fixture.owner().accessToken()).json().path("items").forEach(member -> members.add(member.toString()));
        return members;
    }

    static Stream<Arguments> changes() {
        return Stream.of(Endpoint.MARK_DELETING, Endpoint.TRANSFER_OWNERSHIP, Endpoint.ADD_MEMBER,
                Endpoint.CHANGE_ROLE, Endpoint.REMOVE_MEMBER).flatMap(endpoint -> Stream.of(
                Arguments.of(endpoint, CallerKind.OTHER_TENANT), Arguments.of(endpoint, CallerKind.OPERATOR)));
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
        TenantFixture.createTenant(api, fixture.outsider(), "Other bakery");
        return new Scenario(port, api, fixture, new CallerTokens(tokens, signingKey, security, api));
    }

    private String token(CallerKind caller, Scenario scenario) {
        return scenario.callers.of(caller, scenario.fixture);
    }

    /** A tenant fixture, plus users created on demand for calls that add or change a member. */
    static final class Scenario {

        final int port;
        final ApiClient api;
        final TenantFixture fixture;
        final CallerTokens callers;

        Scenario(int port, ApiClient api, TenantFixture fixture, CallerTokens callers) {
            this.port = port;
            this.api = api;
            this.fixture = fixture;
            this.callers = callers;
        }

        /** A registered user in no tenant. */
        Member newUser() {
            return TenantFixture.register(api, "extra", UUID.randomUUID().toString().substring(0, 8));
        }

        /** A fresh MEMBER of the fixture's tenant, added by its owner. */
        Member extraMember() {
            Member extra = newUser();
            TenantFixture.addMember(api, fixture.tenantId(), fixture.owner(), extra, "MEMBER");
            return extra;
        }
    }
}
