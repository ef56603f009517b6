package com.bakeryia.testsupport.endpoints;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.bakeryia.platform.security.JwtSigningKey;
import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.SecurityProperties;
import com.bakeryia.platform.tenancy.TenantStatus;
import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.CallerKind;
import com.bakeryia.testsupport.fixtures.CallerTokens;
import com.bakeryia.testsupport.fixtures.TenantFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every endpoint of a data service keeps, run over real HTTP against the service with
 * the tenant and auth services it asks. A subclass is a {@code @SpringBootTest} (random port) of an
 * application that runs them, and gives its table of endpoints ({@link #endpoints()}); every check
 * below is made on every row. The subclass keeps the tests of what only its service does, with the
 * fixtures this class sets up ({@link #bakery}, {@link #tenant}, {@link #otherTenant}).
 *
 * <pre>{@code
 * @SpringBootTest(classes = OrdersTestApplication.class, webEnvironment = RANDOM_PORT)
 * class OrdersApiTest extends DataServiceEndpointContractTest {
 *     protected List<TenantEndpoint> endpoints() {
 *         return List.of(TenantEndpoint.list("customers"),
 *                 TenantEndpoint.create("customers", tenant -> Map.of("name", "Customer " + unique())));
 *     }
 * }
 * }</pre>
 *
 * The checks, for each row (and that the table holds every endpoint the service maps under a tenant):
 * <ul>
 *   <li>every kind of caller ({@link CallerKind}) gets what the row's access allows on an ACTIVE
 *       tenant; on a tenant PENDING_DELETION members and services still read and nobody writes; on a
 *       DELETING tenant only services read; a refusal is problem+json that says why;</li>
 *   <li>a person whose own deletion is scheduled acts on nothing (401);</li>
 *   <li>bad input is a 400 problem naming what is wrong: a tenant or path id that is not a UUID,
 *       malformed JSON, an unknown field, a page out of range, and the row's own rejections;</li>
 *   <li>what this tenant does not hold is a 404 problem: an unknown tenant, an unknown id in the
 *       path, and the id of another tenant's row;</li>
 *   <li>a list pages stably without overlap and holds only this tenant's rows, and what a MEMBER
 *       creates a VIEWER lists;</li>
 *   <li>where the body names the acting user, a user is recorded as themselves, may not name anyone
 *       else, and a service may name the user it acts for.</li>
 * </ul>
 *
 * One tenant serves every check (allowed writes only add rows to it), so a class creates its
 * fixtures once; the Spring context is the one the service's other tests already share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DataServiceEndpointContractTest {

    private static final String NOT_A_UUID = "not-a-uuid";
    private static final String UNDER_A_TENANT = "/api/v1/tenants/{tenant_id}/";

    @LocalServerPort
    private int port;

    @Autowired
    private JwtTokens tokens;

    @Autowired
    private JwtSigningKey signingKey;

    @Autowired
    private SecurityProperties security;

    @Autowired
    private ApplicationContext context;

    /** The client of the application under test. */
    protected ApiClient api;

    /**
     * The ACTIVE tenant the checks and the subclass's tests use, with a user in each role; its
     * outsider is the owner of {@link #otherTenant} and a member of no tenant here.
     */
    protected TenantFixture bakery;

    /** {@link #bakery} as the table's paths and bodies see it. */
    protected TenantUnderTest tenant;

    /** Another tenant, owned by {@code bakery.outsider()}: its rows must never be reachable through {@link #bakery}. */
    protected TenantUnderTest otherTenant;

    private CallerTokens callers;
    private List<TenantEndpoint> rows;
    private final Map<TenantStatus, NotActive> notActive = new EnumMap<>(TenantStatus.class);
    private final Map<TenantEndpoint, Request> shared = new HashMap<>();
    private TenantFixture.Member scheduledForDeletion;

    /** The service's endpoints under {@code /api/v1/tenants/{tenant_id}/}: every one, each once. */
    protected abstract List<TenantEndpoint> endpoints();

    @BeforeAll
    void createTenants() {
        api = ApiClient.onPort(port);
        bakery = TenantFixture.create(api);
        tenant = new TenantUnderTest(bakery.tenantId(), api, bakery.owner());
        otherTenant = new TenantUnderTest(TenantFixture.createTenant(api, bakery.outsider(), "Other bakery " + unique()),
                api, bakery.outsider());
        callers = new CallerTokens(tokens, signingKey, security, api);
        rows = List.copyOf(endpoints());
        notActive.put(TenantStatus.PENDING_DELETION, notActive(Map.of("status", "PENDING_DELETION",
                "deletion_scheduled_for", "2099-01-01T00:00:00Z")));
        notActive.put(TenantStatus.DELETING, notActive(Map.of("status", "DELETING")));
    }

    /**
     * The table is the service's whole API under a tenant: every endpoint its controllers (the
     * subclass's package) map under {@code /api/v1/tenants/{tenant_id}/} is a row, once, so a new
     * endpoint cannot go without these checks.
     */
    @Test
    void theTableHoldsEveryEndpointTheServiceServesUnderATenant() {
        Set<String> served = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, handler) -> {
                    if (handler.getBeanType().getPackageName().equals(getClass().getPackageName())) {
                        info.getPatternValues().stream().filter(pattern -> pattern.startsWith(UNDER_A_TENANT)).forEach(pattern ->
                                info.getMethodsCondition().getMethods().forEach(method ->
                                        served.add(method + " " + pattern.substring(UNDER_A_TENANT.length()))));
                    }
                }));

        assertThat(served).as("endpoints of %s under a tenant", getClass().getPackageName()).isNotEmpty();
        assertThat(rows).extracting(TenantEndpoint::toString).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(served);
    }

    // --- who may call ----------------------------------------------------------------------

    Stream<Arguments> callerCases() {
        List<Arguments> cases = new ArrayList<>();
        for (TenantEndpoint endpoint : rows) {
            for (CallerKind caller : CallerKind.values()) {
                cases.add(Arguments.of(endpoint, TenantStatus.ACTIVE, caller, expected(endpoint, TenantStatus.ACTIVE, caller)));
            }
            // Those refused on an ACTIVE tenant are refused alike on the others (membership is asked first).
            for (TenantStatus status : notActive.keySet()) {
                for (CallerKind caller : CallerKind.values()) {
                    if (endpoint.allows(caller)) {
                        cases.add(Arguments.of(endpoint, status, caller, expected(endpoint, status, caller)));
                    }
                }
            }
        }
        return cases.stream();
    }

    static int expected(TenantEndpoint endpoint, TenantStatus status, CallerKind caller) {
        if (!caller.authenticated()) {
            return 401;
        }
        if (!endpoint.allows(caller)) {
            return 403;
        }
        boolean read = endpoint.access() == TenantEndpoint.Access.READ;
        return switch (status) {
            case ACTIVE -> endpoint.success();
            // Members still read a tenant whose deletion is scheduled (so the owner can export); nobody writes.
            case PENDING_DELETION -> read ? endpoint.success() : 409;
            // Nobody acts on a tenant being deleted, but services still read it.
            case DELETING -> read && caller == CallerKind.SERVICE ? endpoint.success() : 409;
        };
    }

    @ParameterizedTest(name = "{0} by {2}, tenant {1}: {3}")
    @MethodSource("callerCases")
    void eachCallerGetsWhatTheTableAllows(TenantEndpoint endpoint, TenantStatus status, CallerKind caller, int expected) {
        TenantFixture fixture = status == TenantStatus.ACTIVE ? bakery : notActive.get(status).fixture();
        Request request = status != TenantStatus.ACTIVE ? notActive.get(status).requests().get(endpoint)
                : expected < 400 && endpoint.access() == TenantEndpoint.Access.WRITE ? fresh(endpoint, tenant) : shared(endpoint);

        ApiClient.Response response = request.send(fixture.tenantId(), callers.of(caller, fixture));

        assertThat(response.status()).as("%s by %s, tenant %s: %s", endpoint, caller, status, response).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.isProblem()).as("problem+json: %s", response).isTrue();
        }
        if (expected == 409) {
            assertThat(response.text()).contains(status == TenantStatus.DELETING ? "DELETING" : "scheduled for deletion");
        }
        if (expected < 400 && endpoint.paged()) {
            assertThat(response.json().path("items").isArray()).as("a page: %s", response).isTrue();
        }
    }

    Stream<TenantEndpoint> rows() {
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: 401")
    @MethodSource("rows")
    void aPersonWhoseDeletionIsScheduledActsOnNothing(TenantEndpoint endpoint) {
        ApiClient.Response response = shared(endpoint).send(tenant.id(), scheduledForDeletion().accessToken());

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
    }

    // --- bad input and what is not here ----------------------------------------------------

    Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>();
        String member = bakery.member().accessToken();
        for (TenantEndpoint endpoint : rows) {
            cases.add(badInput(endpoint, "a tenant id that is not a UUID", "tenant_id",
                    request -> request.send(NOT_A_UUID, member)));
            for (String param : endpoint.params()) {
                cases.add(badInput(endpoint, "a " + param + " that is not a UUID", param,
                        request -> request.send(tenant.id(), member, Map.of(param, NOT_A_UUID), "", request.body())));
            }
            if (endpoint.hasBody()) {
                cases.add(badInput(endpoint, "malformed JSON", "JSON",
                        request -> request.send(tenant.id(), member, Map.of(), "", "{\"name\": ")));
                cases.add(badInput(endpoint, "an unknown field", "unexpected_field", request -> {
                    Map<String, Object> body = new LinkedHashMap<>(request.body());
                    body.put("unexpected_field", 1);
                    return request.send(tenant.id(), member, Map.of(), "", body);
                }));
            }
            if (endpoint.paged()) {
                for (String query : List.of("limit=0", "limit=501", "offset=-1")) {
                    cases.add(badInput(endpoint, "?" + query, query.substring(0, query.indexOf('=')),
                            request -> request.send(tenant.id(), member, Map.of(), "?" + query, null)));
                }
            }
            for (TenantEndpoint.Rejection rejection : endpoint.rejections()) {
                cases.add(badInput(endpoint, rejection.why(), rejection.named(), request -> rejection.query() != null
                        ? request.send(tenant.id(), member, Map.of(), "?" + rejection.query(), request.body())
                        : request.send(tenant.id(), member, Map.of(), "", rejection.body().apply(tenant, request.body()))));
            }
        }
        return cases.stream();
    }

    private Arguments badInput(TenantEndpoint endpoint, String why, String named, Function<Request, ApiClient.Response> call) {
        return Arguments.of(endpoint, Named.of(why, (Supplier<ApiClient.Response>) () -> call.apply(shared(endpoint))), named);
    }

    @ParameterizedTest(name = "{0} with {1}: 400 naming {2}")
    @MethodSource("badInputs")
    void badInputIsA400ProblemNamingWhatIsWrong(TenantEndpoint endpoint, Supplier<ApiClient.Response> request, String named) {
        ApiClient.Response response = request.get();

        assertThat(response.status()).as("%s: %s", endpoint, response).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(named);
    }

    Stream<Arguments> absentThings() {
        List<Arguments> cases = new ArrayList<>();
        String member = bakery.member().accessToken();
        for (TenantEndpoint endpoint : rows) {
            for (CallerKind caller : List.of(CallerKind.SERVICE, CallerKind.MEMBER)) {
                cases.add(absent(endpoint, "an unknown tenant, asked by " + caller, request -> request.send(UUID.randomUUID(),
                        callers.of(caller, bakery))));
            }
            for (String param : endpoint.params()) {
                cases.add(absent(endpoint, "an unknown " + param, request -> request.send(tenant.id(), member,
                        Map.of(param, UUID.randomUUID().toString()), "", request.body())));
                cases.add(absent(endpoint, "another tenant's " + param, request -> request.send(tenant.id(), member,
                        Map.of(param, endpoint.value(param, otherTenant)), "", request.body())));
            }
        }
        return cases.stream();
    }

    private Arguments absent(TenantEndpoint endpoint, String what, Function<Request, ApiClient.Response> call) {
        return Arguments.of(endpoint, Named.of(what, (Supplier<ApiClient.Response>) () -> call.apply(shared(endpoint))));
    }

    @ParameterizedTest(name = "{0} of {1}: 404")
    @MethodSource("absentThings")
    void whatThisTenantDoesNotHoldIsA404Problem(TenantEndpoint endpoint, Supplier<ApiClient.Response> request) {
        ApiClient.Response response = request.get();

        assertThat(response.status()).as("%s: %s", endpoint, response).isEqualTo(404);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
    }

    // --- lists -------------------------------------------------------------------------------

    Stream<TenantEndpoint> lists() {
        return rows.stream().filter(TenantEndpoint::paged);
    }

    /** Filled through the table's {@code POST} of the same path by a MEMBER, read by a VIEWER. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void aListPagesStablyWithoutOverlapAndHoldsOnlyThisTenantsRows(TenantEndpoint list) {
        TenantEndpoint create = rows.stream()
                .filter(row -> row.method() == HttpMethod.POST && row.template().equals(list.template())).findFirst()
                .orElseThrow(() -> new IllegalStateException(list + " pages: the table needs a POST " + list.template()
                        + " to fill it"));
        String path = tenant.path(list.path(list.params(tenant)));
        String viewer = bakery.viewer().accessToken();
        List<String> before = ids(page(path + "?limit=500", viewer));
        for (int i = 0; i < 4; i++) {
            ApiClient.Response created = api.post(path, bakery.member().accessToken(), create.sample(tenant));
            assertThat(created.status()).as(created.toString()).isEqualTo(create.success());
        }

        JsonNode first = page(path + "?limit=2&offset=0", viewer);
        JsonNode second = page(path + "?limit=2&offset=2", viewer);
        JsonNode all = page(path + "?limit=500", viewer);

        assertThat(second.path("limit").asInt()).isEqualTo(2);
        assertThat(second.path("offset").asInt()).isEqualTo(2);
        List<String> firstIds = ids(first);
        List<String> secondIds = ids(second);
        assertThat(firstIds).hasSize(2).doesNotContainAnyElementsOf(secondIds);
        assertThat(secondIds).hasSize(2);
        List<String> allIds = new ArrayList<>();
        all.path("items").forEach(item -> {
            assertThat(item.path("tenant_id").asString()).as("tenant of %s", item).isEqualTo(tenant.id().toString());
            allIds.add(item.path("id").asString());
        });
        assertThat(allIds).as("what the MEMBER created, listed to the VIEWER").containsAll(before)
                .hasSizeGreaterThanOrEqualTo(before.size() + 4);
        assertThat(allIds.subList(0, 4)).containsExactlyElementsOf(Stream.concat(firstIds.stream(), secondIds.stream()).toList());
    }

    // --- the acting user ----------------------------------------------------------------------

    Stream<TenantEndpoint> rowsNamingTheActingUser() {
        return rows.stream().filter(row -> row.actingUser() != null);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("rowsNamingTheActingUser")
    void aUserIsRecordedAsThemselvesAndOnlyAServiceMayNameSomeoneElse(TenantEndpoint endpoint) {
        String field = endpoint.actingUser();
        ApiClient.Response own = fresh(endpoint, tenant).send(tenant.id(), bakery.member().accessToken());
        ApiClient.Response impostor = naming(endpoint, field, bakery.owner()).send(tenant.id(), bakery.member().accessToken());
        ApiClient.Response forAdmin = naming(endpoint, field, bakery.admin()).send(tenant.id(), serviceToken());

        assertThat(own.status()).as(own.toString()).isEqualTo(endpoint.success());
        assertThat(own.json().path(field).asString()).isEqualTo(bakery.member().userId().toString());
        assertThat(impostor.status()).as(impostor.toString()).isEqualTo(400);
        assertThat(impostor.isProblem()).isTrue();
        assertThat(impostor.text()).contains(field);
        assertThat(forAdmin.status()).as(forAdmin.toString()).isEqualTo(endpoint.success());
        assertThat(forAdmin.json().path(field).asString()).isEqualTo(bakery.admin().userId().toString());
    }

    // --- for the subclass's own tests --------------------------------------------------------

    /** The path of {@code relative} (no leading slash) under {@link #bakery}. */
    protected String path(String relative) {
        return tenant.path(relative);
    }

    /** A token of a service (any service: they all may act on any tenant). */
    protected String serviceToken() {
        return tokens.issueServiceToken("endpoint-test").value();
    }

    /** A short random text, for names a tenant must hold once. */
    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Asserts a problem+json answer with {@code status} whose text mentions {@code mentioned}. */
    protected static void assertProblem(ApiClient.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.text()).as(response.toString()).contains(mentioned);
    }

    // --- fixtures -------------------------------------------------------------------------------

    /** A row's request, found in one tenant: the values of its path parameters and its body. */
    final class Request {

        private final TenantEndpoint endpoint;
        private final Map<String, String> params;
        private final Map<String, Object> body;

        Request(TenantEndpoint endpoint, Map<String, String> params, Map<String, Object> body) {
            this.endpoint = endpoint;
            this.params = params;
            this.body = body;
        }

        Map<String, Object> body() {
            return body;
        }

        /** Sends it under the tenant {@code tenantId} with {@code token}. */
        ApiClient.Response send(Object tenantId, String token) {
            return send(tenantId, token, Map.of(), "", body);
        }

        /**
         * Sends it changed: under the tenant {@code tenantId} (any text, for a malformed one), with
         * {@code overrides} for path parameters, {@code query} after the path and {@code content} as
         * the body (raw JSON when a String).
         */
        ApiClient.Response send(Object tenantId, String token, Map<String, String> overrides, String query, Object content) {
            Map<String, String> values = new HashMap<>(params);
            values.putAll(overrides);
            String path = "/api/v1/tenants/" + tenantId + "/" + endpoint.path(values) + query;
            return api.exchange(endpoint.method(), path, token, content);
        }
    }

    /** A tenant no longer ACTIVE, with a request per row made while it still was (a path may name its rows). */
    record NotActive(TenantFixture fixture, Map<TenantEndpoint, Request> requests) {
    }

    /** A new request: the rows its path names created in {@code in}, a new sample body. */
    private Request fresh(TenantEndpoint endpoint, TenantUnderTest in) {
        return new Request(endpoint, endpoint.params(in), endpoint.sample(in));
    }

    /** One request per row in {@link #bakery} for every call that must not change anything (refusals, reads). */
    private Request shared(TenantEndpoint endpoint) {
        return shared.computeIfAbsent(endpoint, row -> fresh(row, tenant));
    }

    private Request naming(TenantEndpoint endpoint, String field, TenantFixture.Member who) {
        Request request = fresh(endpoint, tenant);
        Map<String, Object> body = new LinkedHashMap<>(request.body());
        body.put(field, who.userId().toString());
        return new Request(endpoint, request.params, body);
    }

    /** The ids of a page's items (not of rows nested in them). */
    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private JsonNode page(String path, String token) {
        ApiClient.Response page = api.get(path, token);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json();
    }

    /** A tenant of bakery's owner, admin, member and viewer, moved to the status {@code change} sets once every row's request is made. */
    private NotActive notActive(Map<String, Object> change) {
        UUID id = TenantFixture.createTenant(api, bakery.owner(), change.get("status") + " bakery " + unique());
        TenantFixture.addMember(api, id, bakery.owner(), bakery.admin(), "ADMIN");
        TenantFixture.addMember(api, id, bakery.owner(), bakery.member(), "MEMBER");
        TenantFixture.addMember(api, id, bakery.owner(), bakery.viewer(), "VIEWER");
        TenantUnderTest in = new TenantUnderTest(id, api, bakery.owner());
        Map<TenantEndpoint, Request> requests = new HashMap<>();
        rows.forEach(row -> requests.put(row, fresh(row, in)));
        ApiClient.Response changed = api.put("/api/v1/tenants/" + id + "/status", serviceToken(), change);
        if (changed.status() != 200) {
            throw new IllegalStateException("Could not set tenant " + id + " to " + change + ": " + changed);
        }
        return new NotActive(new TenantFixture(id, bakery.owner(), bakery.admin(), bakery.member(), bakery.viewer(),
                bakery.outsider()), requests);
    }

    /** A MEMBER of {@link #bakery} whose account a service scheduled for deletion: locked out at once. */
    private TenantFixture.Member scheduledForDeletion() {
        if (scheduledForDeletion == null) {
            TenantFixture.Member leaving = TenantFixture.register(api, "leaving", unique());
            TenantFixture.addMember(api, bakery.tenantId(), bakery.owner(), leaving, "MEMBER");
            ApiClient.Response locked = api.put("/api/v1/users/" + leaving.userId() + "/status", serviceToken(),
                    Map.of("status", "PENDING_DELETION", "deletion_scheduled_for", "2099-01-01T00:00:00Z"));
            if (locked.status() != 200) {
                throw new IllegalStateException("Could not schedule the deletion of " + leaving.email() + ": " + locked);
            }
            scheduledForDeletion = leaving;
        }
        return scheduledForDeletion;
    }
}
