package com.bakeryia.platform.apidocs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.bakeryia.platform.web.RequestLimits;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every operation of every service shares, added to the document after springdoc has read the
 * controllers, so an endpoint added tomorrow is covered without a line of its own:
 * <ul>
 * <li>the bearer requirement, lifted ({@code security: []}) on exactly the paths the security chain
 *     permits without a token (the same pattern list);</li>
 * <li>the error answers as {@code application/problem+json} with the shared {@code Problem} schema:
 *     400 where the request carries input, 401 and 403 where a token is required, 404 where the path
 *     names a resource, 409 where it names a tenant (which may be being deleted), 413 where there is
 *     a body, 429 (with {@code Retry-After}) and 500 everywhere;</li>
 * <li>the rate-limit headers the rate limiter sends on 2xx and 4xx answers;</li>
 * <li>limits on every schema that has none of its own: strings at most the parser's string cap
 *     ({@code bakery.limits.json.max-string-length}) or their format's length, integers within their
 *     format's range, arrays at most {@link #MAX_ITEMS}; and {@code @Pattern}s anchored, as Java
 *     matches them whole;</li>
 * <li>one declared tag for every tag an operation names, described by whichever controller describes it.</li>
 * </ul>
 * A limit stated on the code ({@code @Size}, {@code @Min}, {@code @Max}, {@code @Pattern}) is kept:
 * those are read by springdoc from the same annotations validation applies.
 */
final class ApiContract implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    /** One invalid field of a 400, named so a generated client's class has a name of ours. */
    static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String BEARER = "bearer";

    /** The schema of a free-form JSON value: no type, so any value is one. */
    static final String ANY_JSON_VALUE = "Any JSON value";

    /**
     * Arrays without a bound of their own: list pages are capped far below (their {@code limit}
     * parameter), request arrays carry their own {@code @Size}; the body cap bounds the rest.
     */
    static final int MAX_ITEMS = 10_000;

    /**
     * A path that names a tenant: the tenant access guard answers 409 for a tenant being deleted
     * (and for a change to one that is not ACTIVE), whichever service serves it.
     */
    private static final String TENANT_ID = "{tenant_id}";

    private static final String RATE_LIMIT_LIMIT = "RateLimit-Limit";
    private static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    private static final String RATE_LIMIT_RESET = "RateLimit-Reset";
    private static final String RETRY_AFTER = "Retry-After";

    private final List<PathPattern> publicPaths;
    private final int maxStringLength;

    ApiContract(List<String> publicPatterns, RequestLimits limits) {
        this.publicPaths = publicPatterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.maxStringLength = limits.json().maxStringLength();
    }

    @Override
    public void customise(OpenAPI openApi) {
        describeDocument(openApi);
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        components.addSchemas(FIELD_ERROR, fieldErrorSchema());
        components.addHeaders(RATE_LIMIT_LIMIT, header("Requests this caller may make in the current window"
                + " (bakery.rate-limits.*: per client address on the public paths, per principal elsewhere);"
                + " absent when rate limits are off", 1, Integer.MAX_VALUE));
        components.addHeaders(RATE_LIMIT_REMAINING, header("Requests left in the current window", 0, Integer.MAX_VALUE));
        components.addHeaders(RATE_LIMIT_RESET, header("Seconds until the current window ends (at most its period)",
                0, 86_400));
        components.addHeaders(RETRY_AFTER, header("Seconds to wait before trying again", 1, 86_400).required(true));

        Set<String> tagsUsed = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> {
                boolean open = isPublic(path);
                item.readOperationsMap().forEach((method, operation) -> {
                    completeOperation(path, method, operation, open);
                    if (operation.getTags() != null) {
                        tagsUsed.addAll(operation.getTags());
                    }
                });
            });
        }
        declareTags(openApi, tagsUsed);
        limitSchemas(openApi);
    }

    /** True where the security chain lets a request through without a token. */
    boolean isPublic(String pathTemplate) {
        PathContainer path = PathContainer.parsePath(pathTemplate);
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static void describeDocument(OpenAPI openApi) {
        if (openApi.getInfo() != null) {
            if (openApi.getInfo().getContact() == null) {
                openApi.getInfo().setContact(new Contact().name("Bakery-IA platform team"));
            }
            if (openApi.getInfo().getLicense() == null) {
                openApi.getInfo().setLicense(new License().name("Proprietary").identifier("LicenseRef-Proprietary"));
            }
        }
        // The server is this process, relative to wherever it is reached; TLS is terminated in front of it.
        Server server = new Server().url("/").description("This platform process: local, or production behind the"
                + " TLS-terminating proxy that serves it over HTTPS");
        server.addExtension("x-internal", false);
        openApi.setServers(List.of(server));
        if (openApi.getComponents() != null && openApi.getComponents().getSecuritySchemes() != null) {
            SecurityScheme bearer = openApi.getComponents().getSecuritySchemes().get(BEARER);
            if (bearer != null && bearer.getDescription() == null) {
                bearer.setDescription("An access token from POST /api/v1/auth/login, /refresh or /service-token: a JWS"
                        + " signed RS256 by the auth service (keys at /api/v1/auth/jwks.json), handled as RFC8725"
                        + " recommends: the algorithm is fixed by the verifier (never taken from the token,"
                        + " \"none\" refused), and issuer, expiry and the token's kind are checked on every request.");
            }
        }
    }

    private void completeOperation(String path, PathItem.HttpMethod method, Operation operation, boolean open) {
        if (open) {
            operation.setSecurity(new ArrayList<>());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasInput = hasBody || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (hasInput) {
            problem(responses, "400", "The request is malformed or a field breaks its limits; errors names the fields");
        }
        if (!open) {
            problem(responses, "401", "No bearer token, or one that is invalid, expired or of an account that is not active");
            problem(responses, "403", "The token's principal may not do this (its kind, or its role in the tenant)");
        }
        if (path.contains("{")) {
            problem(responses, "404", "No such resource (or one the caller may not know of)");
        }
        if (!open && path.contains(TENANT_ID)) {
            problem(responses, "409", "The tenant is being deleted, or (for a change) scheduled for deletion or"
                    + " otherwise not ACTIVE: the problem says which, and when a scheduled deletion happens");
        }
        if (hasBody) {
            problem(responses, "413", "The body is larger than bakery.limits.max-request-body allows");
        }
        problem(responses, "429", "Too many requests (bakery.rate-limits.*: per client address on the public paths,"
                + " per principal elsewhere); Retry-After says when to try again");
        problem(responses, "500", "An unexpected error; the problem names the request id to report");
        responses.forEach((code, response) -> {
            if (code.startsWith("2") || code.startsWith("4")) {
                addHeader(response, RATE_LIMIT_LIMIT);
                addHeader(response, RATE_LIMIT_REMAINING);
                addHeader(response, RATE_LIMIT_RESET);
            }
            if (code.equals("429") || code.equals("503")) {
                addHeader(response, RETRY_AFTER);
            }
            if (!code.startsWith("2") && !code.startsWith("1") && !code.startsWith("3")) {
                withProblemContent(response);
            }
        });
    }

    /** Adds the error answer unless the operation declares its own, whose text is kept. */
    private static void problem(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }

    /** Every error answer may be a problem: an undescribed one, or one declared without a schema, gets the shared one. */
    private static void withProblemContent(ApiResponse response) {
        if (response.get$ref() != null) {
            return;
        }
        Content content = response.getContent() == null ? new Content() : response.getContent();
        MediaType problem = content.get(PROBLEM_JSON);
        if (problem == null) {
            problem = new MediaType();
            content.addMediaType(PROBLEM_JSON, problem);
        }
        if (problem.getSchema() == null) {
            problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        }
        response.setContent(content);
    }

    private static void addHeader(ApiResponse response, String name) {
        if (response.get$ref() != null) {
            return;
        }
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
        }
    }

    private static Header header(String description, long minimum, long maximum) {
        return new Header().description(description).required(false)
                .schema(new Schema<Integer>().type("integer").types(Set.of("integer")).format("int32")
                        .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum)));
    }

    /** RFC 9457 problem details, as every error of the platform is answered. */
    private Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("A URI naming the kind of problem; about:blank for a plain HTTP status", 2048)
                .format("uri-reference"));
        properties.put("title", string("The HTTP status' reason phrase", 200));
        properties.put("status", new Schema<Integer>().types(Set.of("integer")).type("integer").format("int32")
                .description("The HTTP status").minimum(BigDecimal.valueOf(100)).maximum(BigDecimal.valueOf(599)));
        properties.put("detail", string("What went wrong, for a person", 8192));
        properties.put("instance", string("The request path", 2048).format("uri-reference"));
        properties.put("request_id", string("The request id (also in the X-Request-Id header) to report", 200));
        properties.put("errors", new Schema<>().types(Set.of("array")).type("array")
                .description("The invalid fields of a 400").maxItems(1000)
                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR)));
        Schema<?> problem = new Schema<>().types(Set.of("object")).type("object")
                .description("An error answer (RFC 9457); some add members of their own, named in the operation")
                .properties(properties);
        problem.setRequired(List.of("title", "status"));
        return problem;
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> fieldErrorSchema() {
        Map<String, Schema> errorFields = new LinkedHashMap<>();
        errorFields.put("field", string("The field, as named in the request", 1000));
        errorFields.put("message", string("What the field breaks", 2000));
        return new Schema<>().types(Set.of("object")).type("object").description("A field of the request and what it breaks")
                .properties(errorFields);
    }

    private static Schema<String> string(String description, int maxLength) {
        return new Schema<String>().types(Set.of("string")).type("string").description(description).maxLength(maxLength);
    }

    /**
     * One declared tag per name: an area served by several controllers names its tag on each, and
     * describes it on one ({@code @Tag(name = ...)} beside {@code @Tag(name = ..., description = ...)}).
     */
    private static void declareTags(OpenAPI openApi, Set<String> used) {
        Map<String, Tag> declared = new TreeMap<>();
        if (openApi.getTags() != null) {
            openApi.getTags().forEach(tag -> declared.merge(tag.getName(), tag,
                    (one, other) -> isBlank(one.getDescription()) ? other : one));
        }
        used.forEach(name -> declared.computeIfAbsent(name, missing -> new Tag().name(missing)));
        declared.values().forEach(tag -> {
            if (isBlank(tag.getDescription())) {
                tag.setDescription("Operations of " + tag.getName());
            }
        });
        openApi.setTags(new ArrayList<>(declared.values()));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    // --- limits on schemas -------------------------------------------------------------------------

    private void limitSchemas(OpenAPI openApi) {
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> limit(schema, seen));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.getParameters().stream().map(Parameter::getSchema).forEach(schema -> limit(schema, seen));
            }
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> limit(media.getSchema(), seen));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().values().forEach(response -> {
                    if (response.getContent() != null) {
                        response.getContent().values().forEach(media -> limit(media.getSchema(), seen));
                    }
                });
            }
        }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void limit(Schema schema, Set<Schema<?>> seen) {
        if (schema == null || schema.get$ref() != null || !seen.add(schema)) {
            return;
        }
        if (ANY_JSON_VALUE.equals(schema.getDescription())) {
            // springdoc types a replaced schema as an object; a free-form value is any JSON.
            schema.setType(null);
            schema.setTypes(null);
            return;
        }
        if (is(schema, "string")) {
            limitString(schema);
        } else if (is(schema, "integer")) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        } else if (is(schema, "array")) {
            if (schema.getMaxItems() == null) {
                schema.setMaxItems(MAX_ITEMS);
            }
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(property -> limit(property, seen));
        }
        limit(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema) {
            limit((Schema) schema.getAdditionalProperties(), seen);
        }
        for (List<Schema> composed : new List[]{schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (composed != null) {
                composed.forEach(part -> limit(part, seen));
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private void limitString(Schema schema) {
        if (schema.getPattern() != null) {
            schema.setPattern(anchored(schema.getPattern()));
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() || schema.getConst() != null
                || schema.getMaxLength() != null) {
            return;
        }
        String pattern = schema.getPattern();
        if (pattern != null && pattern.matches("\\^\\(\\?:[A-Za-z0-9_]+(\\|[A-Za-z0-9_]+)*\\)\\$")) {
            // A choice of literal words (an enum validated by @Pattern): at most the longest of them.
            int longest = 0;
            for (String word : pattern.substring(4, pattern.length() - 2).split("\\|")) {
                longest = Math.max(longest, word.length());
            }
            schema.setMaxLength(longest);
            return;
        }
        schema.setMaxLength(formatLength(schema.getFormat()));
    }

    /** The longest text of a format, or the parser's cap on any string when the format sets none. */
    private int formatLength(String format) {
        if (format == null) {
            return maxStringLength;
        }
        switch (format) {
            case "uuid":
                return 36;
            case "date":
                return 10;
            case "date-time":
                return 64;
            case "email":
                return 254;
            case "duration":
                return 64;
            case "uri":
            case "uri-reference":
                return 2048;
            default:
                return maxStringLength;
        }
    }

    /** Bean validation's {@code @Pattern} matches the whole value; JSON Schema's pattern searches. */
    static String anchored(String pattern) {
        if (pattern.startsWith("^") && pattern.endsWith("$")) {
            return pattern;
        }
        return "^(?:" + pattern + ")$";
    }

    @SuppressWarnings("rawtypes")
    private static boolean is(Schema schema, String type) {
        return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
    }
}
