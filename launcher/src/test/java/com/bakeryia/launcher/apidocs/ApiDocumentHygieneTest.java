package com.bakeryia.launcher.apidocs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.bakeryia.launcher.BakeryPlatformApplication;
import com.bakeryia.platform.security.PlatformSecurityConfiguration;
import com.bakeryia.platform.security.PublicPaths;
import com.bakeryia.testsupport.ApiClient;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the two linters of {@code scripts/lint-openapi.sh} check most, and what a client generated
 * from the document needs (operation ids set on the handlers, one tag per area, schema names a person
 * would choose, a schema for every answer), against the live document of every target in one
 * process, so a regression fails the suite without npm. Each failure names the operation (method and
 * path) or schema and exactly what it lacks.
 */
@SpringBootTest(classes = BakeryPlatformApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentHygieneTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** A verb and a noun in camelCase, letters only: {@code listDeletionJobs}, never {@code list_5} or {@code delete1}. */
    private static final Pattern VERB_AND_NOUN = Pattern.compile("[a-z]+(?:[A-Z][a-z]*)+");

    /** Words, the first capitalised: {@code Deletion jobs}; never a class name ({@code deletion-audit-controller}). */
    private static final Pattern TAG_NAME = Pattern.compile("[A-Z][a-z]+(?: [a-z]+)*");

    /** What the shared customizer says of a tag no {@code @Tag(description = ...)} describes. */
    private static final String UNDESCRIBED_TAG = "Operations of ";

    @LocalServerPort
    int port;

    @Autowired
    List<PublicPaths> publicPaths;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    JsonNode document;

    @BeforeAll
    void fetchTheDocument() {
        ApiClient.Response docs = ApiClient.onPort(port).get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        document = docs.json();
    }

    @Test
    void everyOperationHasASummaryDescriptionDeclaredTagUniqueIdASuccessAnd429() {
        Set<String> declaredTags = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode tag : document.path("tags")) {
            declaredTags.add(tag.path("name").asString());
            if (tag.path("description").asString("").isBlank()) {
                problems.add("tag '" + tag.path("name").asString() + "' has no description (@Tag(description = ...))");
            }
        }
        Set<String> operationIds = new HashSet<>();
        forEachOperation((where, operation) -> {
            if (operation.path("summary").asString("").isBlank()) {
                problems.add(where + ": no summary (@Operation(summary = ...))");
            }
            if (operation.path("description").asString("").isBlank()) {
                problems.add(where + ": no description (@Operation(description = ...))");
            }
            if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) {
                problems.add(where + ": no tag (@Tag on its controller)");
            }
            for (JsonNode tag : operation.path("tags")) {
                if (!declaredTags.contains(tag.asString())) {
                    problems.add(where + ": tag '" + tag.asString() + "' is not declared at document level");
                }
            }
            String id = operation.path("operationId").asString("");
            if (id.isBlank()) {
                problems.add(where + ": no operationId");
            } else if (!operationIds.add(id)) {
                problems.add(where + ": operationId '" + id + "' is not unique");
            }
            JsonNode responses = operation.path("responses");
            boolean success = responses.propertyNames().stream().anyMatch(code -> code.startsWith("2"));
            if (!success) {
                problems.add(where + ": no 2xx response (@ApiResponse(responseCode = \"201\") or @ResponseStatus"
                        + " for what it answers)");
            }
            if (!responses.has("429")) {
                problems.add(where + ": no 429 response");
            } else if (!responses.path("429").path("headers").has("Retry-After")) {
                problems.add(where + ": its 429 response has no Retry-After header");
            }
            if (!responses.has("500")) {
                problems.add(where + ": no 500 response");
            }
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                String code = response.getKey();
                if ((code.startsWith("4") || code.startsWith("5"))
                        && !response.getValue().path("content").has("application/problem+json")) {
                    problems.add(where + ": its " + code + " response is not application/problem+json");
                }
                if ((code.startsWith("2") || code.startsWith("4"))
                        && !response.getValue().path("headers").has("RateLimit-Limit")) {
                    problems.add(where + ": its " + code + " response declares no rate-limit headers");
                }
            }
        });
        assertThat(problems).as("operations the document describes incompletely").isEmpty();
    }

    /**
     * A client generated from the document names its methods by these ids, so each is chosen by a
     * person: set on the handler ({@code @Operation(operationId = ...)}), never derived from the
     * handler's name by springdoc, which numbers repeats ({@code list_5}, a client's {@code list5()}).
     */
    @Test
    void everyOperationIdIsSetOnItsHandlerAsAVerbAndANounAndNoneRepeats() {
        Map<String, String> documented = new TreeMap<>();
        forEachOperation((where, operation) -> documented.put(where, operation.path("operationId").asString("")));
        List<String> problems = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            if (!handler.getBeanType().getName().startsWith("com.bakeryia.") || hidden(handler)) {
                return;
            }
            String name = handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName();
            Operation operation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Operation.class);
            String declared = operation == null ? "" : operation.operationId();
            if (declared.isBlank()) {
                problems.add(name + ": no @Operation(operationId = \"verbNoun\") on the handler");
            }
            Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                problems.add(name + ": maps every HTTP method; name the one it serves");
            }
            for (String path : mapping.getPatternValues()) {
                for (RequestMethod method : methods) {
                    String where = method.name() + " " + path;
                    handled.add(where);
                    String id = documented.get(where);
                    if (id == null) {
                        problems.add(where + " (" + name + "): not in the document");
                    } else if (!id.equals(declared)) {
                        problems.add(where + ": documented as '" + id + "', but its handler " + name + " declares '"
                                + declared + "'");
                    }
                }
            }
        });
        Map<String, List<String>> byId = new LinkedHashMap<>();
        documented.forEach((where, id) -> {
            byId.computeIfAbsent(id, unused -> new ArrayList<>()).add(where);
            if (!handled.contains(where)) {
                problems.add(where + ": documented, but no handler of the platform serves it");
            }
            if (!VERB_AND_NOUN.matcher(id).matches()) {
                problems.add(where + ": operationId '" + id + "' is not a verb and a noun in camelCase, letters only"
                        + " (listDeletionJobs)");
            }
        });
        byId.forEach((id, operations) -> {
            if (operations.size() > 1) {
                problems.add("operationId '" + id + "' names " + operations);
            }
        });
        assertThat(problems).as("operation ids a generated client would name its methods by").isEmpty();
        assertThat(documented).as("the document's operations").hasSizeGreaterThan(90);
    }

    @Test
    void everyOperationHasOneTagAndEveryTagIsWordsDescribedOnce() {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode tag : document.path("tags")) {
            String name = tag.path("name").asString();
            if (!names.add(name)) {
                problems.add("tag '" + name + "' is declared twice");
            }
            if (!TAG_NAME.matcher(name).matches()) {
                problems.add("tag '" + name + "' is not words with the first capitalised (\"Deletion jobs\")");
            }
            if (tag.path("description").asString("").startsWith(UNDESCRIBED_TAG)) {
                problems.add("tag '" + name + "' is described by no @Tag(name = ..., description = ...)");
            }
        }
        forEachOperation((where, operation) -> {
            if (operation.path("tags").size() != 1) {
                problems.add(where + ": " + operation.path("tags").size() + " tags; one per operation, its area");
            }
        });
        assertThat(problems).as("tags: one style, one per area").isEmpty();
    }

    /**
     * A generated client makes a class of every schema and reads every answer by its schema: names a
     * person would choose ({@code MemberPage}, not {@code PageViewMemberView}), and no answer a client
     * reads without one ({@code Object}, or a response without content); an archive ({@code application/zip})
     * is a binary string.
     */
    @Test
    void schemasHaveNamesAPersonWouldChooseAndEveryAnswerReadHasOne() {
        List<String> problems = new ArrayList<>();
        for (String name : document.path("components").path("schemas").propertyNames()) {
            if (!name.matches("[A-Z][A-Za-z]+") || name.endsWith("View") || name.startsWith("PageView")) {
                problems.add("schema '" + name + "': not a name a person would choose (@Schema(name = ...))");
            }
        }
        forEachOperation((where, operation) -> {
            for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                if (!response.getKey().startsWith("2")) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                    String type = media.getKey();
                    JsonNode schema = media.getValue().path("schema");
                    String at = where + " " + response.getKey() + " " + type;
                    if (type.equals("application/jose")) {
                        if (!"string".equals(schema.path("type").asString(""))) {
                            problems.add(at + ": a JWS is a string");
                        }
                    } else if (type.equals("application/zip")) {
                        if (!"string".equals(schema.path("type").asString("")) || !"binary".equals(schema.path("format").asString(""))) {
                            problems.add(at + ": an archive is a binary string");
                        }
                    } else if (type.endsWith("json")) {
                        JsonNode named = schema.path("type").asString("").equals("array") ? schema.path("items") : schema;
                        if (!named.has("$ref")) {
                            problems.add(at + ": answers " + schema + " rather than a named schema");
                        }
                    } else {
                        problems.add(at + ": a media type the checks here do not know");
                    }
                }
            }
        });
        assertThat(problems).as("schemas and the answers they type").isEmpty();
    }

    private static boolean hidden(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Hidden.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Hidden.class);
    }

    @Test
    void publicOperationsLiftTheBearerRequirementAndNoOtherDoes() {
        List<PathPattern> open = PlatformSecurityConfiguration.publicPatterns(publicPaths).stream()
                .map(PathPatternParser.defaultInstance::parse).toList();
        assertThat(document.path("security").toString()).as("the global requirement").contains("bearer");
        List<String> problems = new ArrayList<>();
        forEachOperation((where, operation) -> {
            String path = where.substring(where.indexOf(' ') + 1);
            boolean isPublic = open.stream().anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path)));
            JsonNode security = operation.path("security");
            boolean lifted = security.isArray() && security.isEmpty();
            if (isPublic && !lifted) {
                problems.add(where + ": served without a token, but documented as needing one (no security: [])");
            }
            if (!isPublic && (lifted || (security.isArray() && !security.toString().contains("bearer")))) {
                problems.add(where + ": needs a token, but documented without the bearer requirement");
            }
            if (!isPublic && !operation.path("responses").has("401")) {
                problems.add(where + ": needs a token, but documents no 401");
            }
        });
        assertThat(problems).as("operations whose documented security differs from the security chain").isEmpty();
        assertThat(document.path("paths").path("/api/v1/auth/login").path("post").path("security").isEmpty()).isTrue();
    }

    @Test
    void everySchemaIsBoundedAndNamesItsFieldsInSnakeCase() {
        List<String> problems = new ArrayList<>();
        document.path("components").path("schemas").properties()
                .forEach(schema -> bounded("schema " + schema.getKey(), schema.getValue(), problems));
        forEachOperation((where, operation) -> {
            for (JsonNode parameter : operation.path("parameters")) {
                bounded(where + " parameter " + parameter.path("name").asString(), parameter.path("schema"), problems);
                // Query and path parameters are snake_case like the JSON fields; a header keeps the
                // HTTP convention of words joined by hyphens (Deletion-Certificate-Token).
                String naming = "header".equals(parameter.path("in").asString()) ? "[A-Z][a-z0-9]*(-[A-Z][a-z0-9]*)*"
                        : "[a-z0-9_]+";
                if (!parameter.path("name").asString().matches(naming)) {
                    problems.add(where + " parameter " + parameter.path("name").asString() + ": not snake_case"
                            + " (a header: Words-Joined-By-Hyphens)");
                }
            }
        });
        assertThat(problems).as("schemas without limits, or with fields named other than as the API reads them").isEmpty();
    }

    private static void bounded(String where, JsonNode schema, List<String> problems) {
        if (schema.has("$ref")) {
            return;
        }
        String type = schema.path("type").isArray() ? schema.path("type").toString() : schema.path("type").asString("");
        if (type.contains("string") && !schema.has("maxLength") && !schema.has("enum") && !schema.has("const")) {
            problems.add(where + ": a string without maxLength or enum (@Size(max = ...) on the field)");
        }
        if (type.contains("integer") && (!schema.has("minimum") || !schema.has("maximum"))) {
            problems.add(where + ": an integer without minimum and maximum (@Min/@Max on the field)");
        }
        if (type.contains("array") && !schema.has("maxItems")) {
            problems.add(where + ": an array without maxItems (@Size(max = ...) on the field)");
        }
        if ("uuid".equals(schema.path("format").asString("")) && !type.contains("string")) {
            problems.add(where + ": format uuid on a " + type);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (!property.getKey().matches("[a-z0-9_]+")) {
                problems.add(where + "." + property.getKey() + ": not snake_case, as the API reads and writes it");
            }
            bounded(where + "." + property.getKey(), property.getValue(), problems);
        }
        if (schema.has("items")) {
            bounded(where + "[]", schema.path("items"), problems);
        }
        if (schema.path("additionalProperties").isObject()) {
            bounded(where + "{}", schema.path("additionalProperties"), problems);
        }
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    check.accept(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(),
                            operation.getValue());
                }
            }
        }
    }
}
