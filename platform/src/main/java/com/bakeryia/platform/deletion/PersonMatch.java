package com.bakeryia.platform.deletion;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How SQL finds a person's id in a column, and replaces it, by how the column holds it
 * ({@link DeletionPlan.Shape}): each condition is one an index leading with the column serves (a
 * B-tree for {@code = ?}, GIN for array and document containment, {@code @>}).
 *
 * @param condition  the condition, with {@code ?} for each of {@code parameters}
 * @param parameters its parameters, in order
 */
record PersonMatch(String condition, List<Object> parameters) {

    PersonMatch {
        parameters = List.copyOf(parameters);
    }

    /** The id is the value of {@code column} (a {@code uuid}, or text when {@code asText}). */
    static PersonMatch value(String column, UUID id, boolean asText) {
        return new PersonMatch(column + " = ?", List.of(asText ? id.toString() : id));
    }

    /** The id is an element of the array {@code column} ({@code uuid[]}, or a text array when {@code asText}). */
    static PersonMatch element(String column, UUID id, boolean asText) {
        return new PersonMatch(column + " @> array[?::" + (asText ? "text" : "uuid") + "]", List.of(id.toString()));
    }

    /**
     * The id is in the document {@code column} at one of {@code paths}: one containment per path
     * ({@code {"a":{"b":"<id>"}}} for {@code a.b}, {@code {"a":["<id>"]}} for {@code a[]},
     * {@code {"a":[{"b":"<id>"}]}} for {@code a[].b}).
     */
    static PersonMatch inDocument(String column, List<String> paths, UUID id) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String path : paths) {
            conditions.add(column + " @> ?::jsonb");
            parameters.add(containing(path, id));
        }
        return new PersonMatch(conditions.size() == 1 ? conditions.get(0) : "(" + String.join(" or ", conditions) + ")",
                parameters);
    }

    /**
     * The id anywhere in the document {@code column} as a string value: for a document no plan
     * declares (a column created after start-up), read whole, as nothing says where to look.
     */
    static PersonMatch anywhereInDocument(String column, UUID id) {
        return new PersonMatch("jsonb_path_exists(" + column + "::jsonb, '$.** ? (@ == $id)', jsonb_build_object('id', ?::text))",
                List.of(id.toString()));
    }

    /** How the engine finds the id in a column the plan declares with {@code shape}. */
    static PersonMatch declared(String column, DeletionPlan.Shape shape, UUID id) {
        return switch (shape.kind()) {
            case VALUE -> value(column, id, false);
            case ARRAY -> element(column, id, false);
            case DOCUMENT -> inDocument(column, shape.paths(), id);
        };
    }

    /**
     * The assignment that replaces the id by {@code tombstone} in a column of {@code shape}, with
     * its parameters: the value; every element of the array that is the id; every string of the
     * document that is the id (wherever it is, so also outside the declared paths).
     */
    static PersonMatch replacement(String column, DeletionPlan.Shape shape, UUID id, UUID tombstone) {
        return switch (shape.kind()) {
            case VALUE -> new PersonMatch(column + " = ?", List.of(tombstone));
            case ARRAY -> new PersonMatch(column + " = array_replace(" + column + ", ?::uuid, ?::uuid)",
                    List.of(id.toString(), tombstone.toString()));
            case DOCUMENT -> new PersonMatch(column + " = replace(" + column + "::text, ?, ?)::jsonb",
                    List.of("\"" + id + "\"", "\"" + tombstone + "\""));
        };
    }

    /** The JSON document that holds {@code id} at {@code path}, for containment. */
    static String containing(String path, UUID id) {
        String value = "\"" + id + "\"";
        String[] keys = path.split("\\.");
        for (int i = keys.length - 1; i >= 0; i--) {
            String key = keys[i];
            boolean array = key.endsWith("[]");
            String name = array ? key.substring(0, key.length() - 2) : key;
            value = "{\"" + name + "\":" + (array ? "[" + value + "]" : value) + "}";
        }
        return value;
    }
}
