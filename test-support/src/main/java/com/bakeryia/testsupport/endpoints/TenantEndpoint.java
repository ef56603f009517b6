package com.bakeryia.testsupport.endpoints;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bakeryia.testsupport.fixtures.CallerKind;

import org.springframework.http.HttpMethod;

/**
 * One row of a data service's endpoint table: an endpoint under {@code /api/v1/tenants/{tenant_id}/},
 * who may call it, a sample request, whether it pages, and the bad input it must refuse. The
 * {@link DataServiceEndpointContractTest} makes every one of its checks on every row.
 *
 * <p>A row is built once per test class and not changed afterwards:
 * <pre>{@code
 * TenantEndpoint.create("orders/{order_id}/status", tenant -> Map.of("status", "CONFIRMED"))
 *         .answering(200)
 *         .with("order_id", tenant -> tenant.create("orders", order(tenant)))
 *         .rejects("status", "SHIPPED")
 * }</pre>
 */
public final class TenantEndpoint {

    /** Who may call an endpoint; each tenant role, and services, the way the platform's tenant access guard decides. */
    public enum Access {
        /** Every member of the tenant (VIEWER included) and services. */
        READ(EnumSet.of(CallerKind.OWNER, CallerKind.ADMIN, CallerKind.MEMBER, CallerKind.VIEWER, CallerKind.SERVICE)),
        /** OWNER, ADMIN and MEMBER, and services; a VIEWER only reads. */
        WRITE(EnumSet.of(CallerKind.OWNER, CallerKind.ADMIN, CallerKind.MEMBER, CallerKind.SERVICE));

        private final Set<CallerKind> allowed;

        Access(Set<CallerKind> allowed) {
            this.allowed = allowed;
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

    private final HttpMethod method;
    private final String template;
    private final Access access;
    private final boolean paged;
    private final Function<TenantUnderTest, Map<String, Object>> body;
    private final Map<String, Function<TenantUnderTest, String>> params = new LinkedHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private int success;
    private String actingUser;

    private TenantEndpoint(HttpMethod method, String template, Access access, int success, boolean paged,
                           Function<TenantUnderTest, Map<String, Object>> body) {
        this.method = method;
        this.template = template;
        this.access = access;
        this.success = success;
        this.paged = paged;
        this.body = body;
    }

    /** {@code GET template}: a page of rows ({@code items}, {@code limit}, {@code offset}), read by every member. */
    public static TenantEndpoint list(String template) {
        return new TenantEndpoint(HttpMethod.GET, template, Access.READ, 200, true, null);
    }

    /** {@code GET template} of one thing (not paged), read by every member. */
    public static TenantEndpoint read(String template) {
        return new TenantEndpoint(HttpMethod.GET, template, Access.READ, 200, false, null);
    }

    /**
     * {@code POST template} with a JSON object, by writers, answering 201. {@code sample} makes a
     * fresh valid body for a tenant each time it is called (names unique, rows it refers to created).
     */
    public static TenantEndpoint create(String template, Function<TenantUnderTest, Map<String, Object>> sample) {
        return new TenantEndpoint(HttpMethod.POST, template, Access.WRITE, 201, false, sample);
    }

    /** The status an allowed call answers, when not the default (200 for reads, 201 for {@link #create}). */
    public TenantEndpoint answering(int status) {
        this.success = status;
        return this;
    }

    /** How to find the value of the path parameter {@code {param}} in a tenant (usually: create the row it names). */
    public TenantEndpoint with(String param, Function<TenantUnderTest, String> value) {
        if (!template.contains("{" + param + "}")) {
            throw new IllegalArgumentException(template + " has no parameter {" + param + "}");
        }
        params.put(param, value);
        return this;
    }

    /**
     * The body names a person in {@code field} ({@code created_by}, ...): a user's own id is recorded,
     * a user naming someone else is a 400, a service may name the user it acts for; the answer shows it.
     */
    public TenantEndpoint actingUser(String field) {
        this.actingUser = field;
        return this;
    }

    /** The sample body without each of {@code fields} is a 400 naming the field. */
    public TenantEndpoint requires(String... fields) {
        for (String field : fields) {
            rejections.add(new Rejection("without " + field, field, null, (tenant, sample) -> {
                Map<String, Object> without = new LinkedHashMap<>(sample);
                without.remove(field);
                return without;
            }));
        }
        return this;
    }

    /** The sample body with {@code field} set to {@code value} is a 400 naming the field. */
    public TenantEndpoint rejects(String field, Object value) {
        rejections.add(new Rejection(field + " = " + value, field, null, (tenant, sample) -> {
            Map<String, Object> changed = new LinkedHashMap<>(sample);
            changed.put(field, value);
            return changed;
        }));
        return this;
    }

    /** The body {@code bad} makes for a tenant is a 400 whose problem names {@code named}. */
    public TenantEndpoint rejects(String named, String why, Function<TenantUnderTest, Map<String, Object>> bad) {
        rejections.add(new Rejection(why, named, null, (tenant, sample) -> bad.apply(tenant)));
        return this;
    }

    /** The query {@code query} (for example {@code from=yesterday}) is a 400 whose problem names {@code named}. */
    public TenantEndpoint rejectsQuery(String query, String named) {
        rejections.add(new Rejection("?" + query, named, query, null));
        return this;
    }

    HttpMethod method() {
        return method;
    }

    String template() {
        return template;
    }

    Access access() {
        return access;
    }

    /** Whether {@code caller} may call it on an ACTIVE tenant it belongs to. */
    boolean allows(CallerKind caller) {
        return access.allowed.contains(caller);
    }

    int success() {
        return success;
    }

    boolean paged() {
        return paged;
    }

    boolean hasBody() {
        return body != null;
    }

    Map<String, Object> sample(TenantUnderTest tenant) {
        return body == null ? null : body.apply(tenant);
    }

    /** The path parameters of the template, in order. */
    List<String> params() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAM.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The value of every path parameter, found in {@code tenant}. */
    Map<String, String> params(TenantUnderTest tenant) {
        Map<String, String> values = new LinkedHashMap<>();
        params().forEach(param -> values.put(param, value(param, tenant)));
        return values;
    }

    /** The path relative to the tenant with {@code values} for its parameters. */
    String path(Map<String, String> values) {
        String path = template;
        for (String param : params()) {
            path = path.replace("{" + param + "}", values.get(param));
        }
        return path;
    }

    String value(String param, TenantUnderTest tenant) {
        Function<TenantUnderTest, String> value = params.get(param);
        if (value == null) {
            throw new IllegalStateException(this + ": say how to find {" + param + "} with .with(\"" + param + "\", ...)");
        }
        return value.apply(tenant);
    }

    String actingUser() {
        return actingUser;
    }

    List<Rejection> rejections() {
        return rejections;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }

    /**
     * A request the endpoint must refuse with a 400 whose problem names {@code named}: a body that
     * {@code body} makes from the tenant and a valid sample, or the sample request with {@code query} added.
     */
    record Rejection(String why, String named, String query,
                     BiFunction<TenantUnderTest, Map<String, Object>, Map<String, Object>> body) {
        @Override
        public String toString() {
            return why;
        }
    }
}
