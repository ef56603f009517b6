package com.bakeryia.launcher.apidocs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live document (OpenAPI 3.1) as the same contract in OpenAPI 3.0, which the request validator
 * reads (it does not read 3.1). Only what the platform's document uses is translated, each to its
 * 3.0 equivalent: a type list with null as {@code nullable}, {@code const} as a one-value enum,
 * numeric exclusive bounds as the boolean form; 3.1-only members without a counterpart that
 * constrain nothing (a license identifier, schema examples) are dropped; and the global security
 * requirement is repeated on each operation that inherits it, where the validator looks for it.
 */
final class OpenApi30View {

    private OpenApi30View() {
    }

    static String of(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.put("openapi", "3.0.3");
        copy.remove("jsonSchemaDialect");
        copy.remove("webhooks");
        JsonNode license = copy.path("info").path("license");
        if (license.isObject()) {
            ((ObjectNode) license).remove("identifier");
        }
        translate(copy);
        JsonNode global = copy.get("security");
        if (global != null) {
            // The same requirement, stated on each operation that inherits it: the validator reads only those.
            copy.path("paths").forEach(item -> item.properties().forEach(operation -> {
                if (operation.getValue().isObject() && operation.getValue().has("responses")
                        && !operation.getValue().has("security")) {
                    ((ObjectNode) operation.getValue()).set("security", global.deepCopy());
                }
            }));
        }
        return copy.toString();
    }

    private static void translate(JsonNode node) {
        if (node.isArray()) {
            node.forEach(OpenApi30View::translate);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode type = object.get("type");
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asString()));
            if (types.remove("null")) {
                object.put("nullable", true);
            }
            if (types.size() == 1) {
                object.put("type", types.get(0));
            } else {
                object.remove("type");
            }
        }
        JsonNode constant = object.remove("const");
        if (constant != null) {
            object.putArray("enum").add(constant);
        }
        if (object.path("examples").isArray()) {
            object.remove("examples");
        }
        for (String bound : new String[]{"exclusiveMinimum", "exclusiveMaximum"}) {
            JsonNode value = object.get(bound);
            if (value != null && value.isNumber()) {
                object.set(bound.equals("exclusiveMinimum") ? "minimum" : "maximum", value);
                object.put(bound, true);
            }
        }
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
        members.forEach(member -> translate(member.getValue()));
    }
}
