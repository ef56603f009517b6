package com.bakeryia.platform.deletion;

import java.util.List;

/** The schema has tenant, people or e-mail columns that the service's deletion plan does not cover. */
public class UncoveredTableException extends IllegalStateException {

    private final List<String> uncovered;

    public UncoveredTableException(String service, List<String> uncovered) {
        super("Deletion plan of service " + service + " does not cover " + String.join(", ", uncovered)
                + ": add each to the service's DeletionPlan (tenant tables in foreign-key order, user columns with"
                + " their action, or handledByService / retained with the reason)");
        this.uncovered = List.copyOf(uncovered);
    }

    public List<String> uncovered() {
        return uncovered;
    }
}
