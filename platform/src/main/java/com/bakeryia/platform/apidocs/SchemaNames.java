package com.bakeryia.platform.apidocs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.bakeryia.platform.web.PageView;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The names the document gives the platform's types: what a person would call them in a client
 * generated from it, and never one name for two types.
 * <ul>
 * <li>a type's {@code @Schema(name = ...)} wins;</li>
 * <li>an answer record named {@code XView} (the code's convention for what the API shows) is
 *     {@code X}: {@code MemberView} is {@code Member};</li>
 * <li>a page of a list endpoint, {@code PageView<X>}, is {@code X}'s name and {@code Page}:
 *     {@code MemberPage}, {@code DeletionJobPage};</li>
 * <li>two of the platform's types may not claim one name: springdoc would document one with the
 *     other's fields (two records named {@code Item} once shared a schema), so the second claim
 *     fails the document naming both, to be settled by a {@code @Schema(name = ...)} on one.</li>
 * </ul>
 */
final class SchemaNames extends TypeNameResolver {

    static final String VIEW = "View";
    static final String PAGE = "Page";

    /** Only the platform's own types are checked: a library's or the JDK's never claim a schema of ours. */
    private static final String OWN_PACKAGE = "com.bakeryia.";

    private final Map<String, Class<?>> claims = new ConcurrentHashMap<>();

    @Override
    protected String nameForGenericType(JavaType type, Set<Options> options) {
        if (type.getRawClass() == PageView.class && type.containedTypeCount() == 1) {
            return nameForType(type.containedType(0), options) + PAGE;
        }
        return super.nameForGenericType(type, options);
    }

    @Override
    protected String nameForClass(Class<?> type, Set<Options> options) {
        String name = super.nameForClass(type, options);
        if (!named(type) && name.endsWith(VIEW) && name.length() > VIEW.length()) {
            name = name.substring(0, name.length() - VIEW.length());
        }
        claim(name, type);
        return name;
    }

    private static boolean named(Class<?> type) {
        Schema schema = AnnotationsUtils.getSchemaDeclaredAnnotation(type);
        return schema != null && !schema.name().isBlank();
    }

    private void claim(String name, Class<?> type) {
        if (type.isEnum() || type.isPrimitive() || !type.getName().startsWith(OWN_PACKAGE)) {
            // Enums are documented inline, under no name of their own.
            return;
        }
        Class<?> earlier = claims.putIfAbsent(name, type);
        if (earlier != null && earlier != type) {
            throw new IllegalStateException("Two types would be documented as the schema '" + name + "': "
                    + earlier.getName() + " and " + type.getName() + "; give one of them @Schema(name = \"...\")"
                    + " with a name a client's author would choose");
        }
    }
}
