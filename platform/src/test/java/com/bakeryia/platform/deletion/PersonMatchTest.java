package com.bakeryia.platform.deletion;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a person's id is found and replaced in a column, by how the column holds it. */
class PersonMatchTest {

    private static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    @Test
    void aDocumentPathBecomesTheDocumentThatContainsTheIdThere() {
        assertThat(PersonMatch.containing("deleted_by", ID)).isEqualTo("{\"deleted_by\":\"" + ID + "\"}");
        assertThat(PersonMatch.containing("approver.id", ID)).isEqualTo("{\"approver\":{\"id\":\"" + ID + "\"}}");
        assertThat(PersonMatch.containing("watchers[]", ID)).isEqualTo("{\"watchers\":[\"" + ID + "\"]}");
        assertThat(PersonMatch.containing("approvals[].by", ID)).isEqualTo("{\"approvals\":[{\"by\":\"" + ID + "\"}]}");
    }

    @Test
    void aDocumentWithSeveralPathsMatchesAnyOfThemEachByContainment() {
        PersonMatch match = PersonMatch.inDocument("payload", List.of("a", "b.c"), ID);

        assertThat(match.condition()).isEqualTo("(payload @> ?::jsonb or payload @> ?::jsonb)");
        assertThat(match.parameters()).containsExactly("{\"a\":\"" + ID + "\"}", "{\"b\":{\"c\":\"" + ID + "\"}}");
    }

    @Test
    void anArrayIsMatchedByContainmentAndAnonymisedElementByElement() {
        UUID tombstone = UUID.randomUUID();

        assertThat(PersonMatch.element("watchers", ID, false).condition()).isEqualTo("watchers @> array[?::uuid]");
        PersonMatch replacement = PersonMatch.replacement("watchers", DeletionPlan.Shape.ARRAY, ID, tombstone);
        assertThat(replacement.condition()).isEqualTo("watchers = array_replace(watchers, ?::uuid, ?::uuid)");
        assertThat(replacement.parameters()).containsExactly(ID.toString(), tombstone.toString());
    }

    @Test
    void aDocumentIsAnonymisedWhereverTheIdIsAStringInIt() {
        UUID tombstone = UUID.randomUUID();

        PersonMatch replacement = PersonMatch.replacement("doc", DeletionPlan.Shape.document("a"), ID, tombstone);

        assertThat(replacement.condition()).isEqualTo("doc = replace(doc::text, ?, ?)::jsonb");
        assertThat(replacement.parameters()).containsExactly("\"" + ID + "\"", "\"" + tombstone + "\"");
    }

    @Test
    void onlyADocumentHasPathsAndEveryPathIsKeysSeparatedByDots() {
        assertThatThrownBy(() -> new DeletionPlan.Shape(DeletionPlan.Shape.Kind.DOCUMENT, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeletionPlan.Shape(DeletionPlan.Shape.Kind.ARRAY, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeletionPlan.Shape.document("a'}; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeletionPlan.Shape.document("a[].b_c.d[]").paths()).containsExactly("a[].b_c.d[]");
    }
}
