package com.bakeryia.platform.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;

/**
 * Every row of one of the tenant service's paged lists ({@code items}, {@code limit},
 * {@code offset}), read page by page at the largest page it serves.
 */
final class TenantServicePages {

    /** The tenant service's largest page. */
    static final int LIMIT = 500;

    private TenantServicePages() {
    }

    /** @param pageAt the answer to the page starting at the given offset, with {@code limit} {@link #LIMIT} */
    static List<JsonNode> all(IntFunction<JsonNode> pageAt) {
        List<JsonNode> rows = new ArrayList<>();
        for (int offset = 0; ; offset += LIMIT) {
            JsonNode answer = pageAt.apply(offset);
            if (answer == null) {
                return rows;
            }
            if (answer.isArray()) {
                // A tenant service from before paging answers every row at once.
                answer.forEach(rows::add);
                return rows;
            }
            JsonNode items = answer.path("items");
            items.forEach(rows::add);
            if (items.size() < LIMIT) {
                return rows;
            }
        }
    }
}
