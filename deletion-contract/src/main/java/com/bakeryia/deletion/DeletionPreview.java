package com.bakeryia.deletion;

import java.util.Map;
import java.util.UUID;

/**
 * What a delete would do, per table, without changing anything.
 *
 * @param service      the participant
 * @param scope        tenant or user
 * @param subjectId    the tenant or user id
 * @param toDelete     rows that would be deleted, per table ({@code schema.table})
 * @param toAnonymise  rows whose reference to the subject would be replaced by a tombstone
 * @param toRetain     rows that would be kept on purpose (for example a legal retention)
 * @param retention    of the rows {@code toRetain}, those the law keeps, per table: with their basis and
 *                     until when
 */
public record DeletionPreview(
        String service,
        DeletionScope scope,
        UUID subjectId,
        Map<String, Long> toDelete,
        Map<String, Long> toAnonymise,
        Map<String, Long> toRetain,
        Map<String, RetainedRows> retention) {

    /** A preview of a deletion that keeps nothing by law. */
    public DeletionPreview(String service, DeletionScope scope, UUID subjectId, Map<String, Long> toDelete,
                           Map<String, Long> toAnonymise, Map<String, Long> toRetain) {
        this(service, scope, subjectId, toDelete, toAnonymise, toRetain, Map.of());
    }

    public DeletionPreview {
        retention = retention == null ? Map.of() : Map.copyOf(retention);
        toDelete = Map.copyOf(toDelete);
        toAnonymise = Map.copyOf(toAnonymise);
        toRetain = Map.copyOf(toRetain);
    }

    /** Rows that a delete would still have to remove or anonymise; zero means nothing is left. */
    public long remaining() {
        return sum(toDelete) + sum(toAnonymise);
    }

    static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
