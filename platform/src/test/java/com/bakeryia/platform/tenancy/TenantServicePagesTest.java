package com.bakeryia.platform.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class TenantServicePagesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void readsPagesUntilOneIsShorterThanTheLimit() {
        List<Integer> asked = new ArrayList<>();
        int rows = TenantServicePages.LIMIT * 2 + 3;

        List<JsonNode> all = TenantServicePages.all(offset -> {
            asked.add(offset);
            return page(offset, Math.min(TenantServicePages.LIMIT, rows - offset));
        });

        assertThat(all).hasSize(rows);
        assertThat(all.get(rows - 1).path("n").asInt()).isEqualTo(rows - 1);
        assertThat(asked).containsExactly(0, TenantServicePages.LIMIT, TenantServicePages.LIMIT * 2);
    }

    @Test
    void aFullLastPageIsFollowedByOneEmptyPage() {
        List<Integer> asked = new ArrayList<>();

        List<JsonNode> all = TenantServicePages.all(offset -> {
            asked.add(offset);
            return page(offset, offset == 0 ? TenantServicePages.LIMIT : 0);
        });

        assertThat(all).hasSize(TenantServicePages.LIMIT);
        assertThat(asked).containsExactly(0, TenantServicePages.LIMIT);
    }

    @Test
    void anUnpagedArrayFromATenantServiceOfBeforeIsTakenWhole() {
        var everything = JSON.arrayNode();
        IntStream.range(0, TenantServicePages.LIMIT + 1).forEach(n -> everything.add(JSON.objectNode().put("n", n)));

        assertThat(TenantServicePages.all(offset -> everything)).hasSize(TenantServicePages.LIMIT + 1);
        assertThat(TenantServicePages.all(offset -> null)).isEmpty();
    }

    private static JsonNode page(int offset, int size) {
        ObjectNode page = JSON.objectNode().put("limit", TenantServicePages.LIMIT).put("offset", offset);
        var items = page.putArray("items");
        IntStream.range(offset, offset + size).forEach(n -> items.add(JSON.objectNode().put("n", n)));
        return page;
    }
}
