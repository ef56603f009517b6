package com.bakeryia.orchestrator.requests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.deletion.RetainedRows;
import com.bakeryia.platform.tenancy.TenantStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What deleting a tenant would remove, asked of every participant before anything is deleted.
 *
 * @param tenantId          the tenant
 * @param tenantName        its name, for a confirmation that asks for it typed back
 * @param tenantStatus      where it stands: ACTIVE, PENDING_DELETION (scheduled) or DELETING
 * @param totalItems        rows every participant would delete or anonymise, summed
 * @param services          one entry per participant that answered
 * @param unavailable       participants that did not answer, with the reason (the total then misses them)
 */
public record TenantDeletionPreview(UUID tenantId, String tenantName, TenantStatus tenantStatus, long totalItems,
                                    List<ServicePreview> services, Map<String, String> unavailable) {

    /**
     * One participant's counts.
     *
     * @param service     the participant
     * @param items       rows it would delete or anonymise
     * @param toDelete    rows per table it would delete
     * @param toAnonymise rows per table it would anonymise
     * @param toRetain    rows per table it would keep on purpose (a deletion record, a legal retention);
     *                    not counted in {@code items}
     * @param retention   of {@code toRetain}, the records the law of the tenant's country keeps, per table: rows,
     *                    legal basis, country and the latest day they must be kept (deleted from their table,
     *                    kept minimised in the service's archive, readable only by a RECORDS_OFFICER)
     */
    @Schema(name = "ServiceDeletionPreview")
    public record ServicePreview(String service, long items, Map<String, Long> toDelete, Map<String, Long> toAnonymise,
                                 Map<String, Long> toRetain, Map<String, RetainedRows> retention) {
    }

    /** What a caller who is neither a service nor an operator reads for a participant that did not answer. */
    public static final String NO_ANSWER = "did not answer; the detail is kept for operators";

    /**
     * The preview as the tenant's OWNER and ADMINs read it: which participants did not answer, but
     * not why (the reason may be an exception's text naming an internal address).
     */
    public TenantDeletionPreview withoutErrorDetail() {
        return new TenantDeletionPreview(tenantId, tenantName, tenantStatus, totalItems, services, withoutReasons(unavailable));
    }

    static Map<String, String> withoutReasons(Map<String, String> unavailable) {
        if (unavailable == null) {
            return null;
        }
        Map<String, String> plain = new java.util.TreeMap<>();
        unavailable.keySet().forEach(service -> plain.put(service, NO_ANSWER));
        return plain;
    }
}
