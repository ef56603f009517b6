package com.bakeryia.platform.apidocs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The document's schemas are built by a library on Jackson 2, the API runs on Jackson 3: this
 * carries the runtime mapper's naming strategy over, so the two cannot name a field differently.
 */
final class NamingStrategies {

    private NamingStrategies() {
    }

    /** Jackson 2's strategy of the same kind as the mapper's (by the shared class name), or none. */
    static PropertyNamingStrategy documentedAs(JsonMapper runtime) {
        Object strategy = runtime.serializationConfig().getPropertyNamingStrategy();
        if (strategy == null) {
            return null;
        }
        String kind = strategy.getClass().getSimpleName();
        for (Class<?> candidate : PropertyNamingStrategies.class.getDeclaredClasses()) {
            if (candidate.getSimpleName().equals(kind) && PropertyNamingStrategy.class.isAssignableFrom(candidate)) {
                try {
                    return (PropertyNamingStrategy) candidate.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot document the naming strategy " + kind, e);
                }
            }
        }
        throw new IllegalStateException("The application's JSON naming strategy " + strategy.getClass().getName()
                + " has no counterpart the API document can use; add one to " + NamingStrategies.class.getName());
    }
}
