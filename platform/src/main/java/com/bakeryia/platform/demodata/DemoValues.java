package com.bakeryia.platform.demodata;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import com.bakeryia.platform.data.ServiceDatabase;

/** Small pieces every service's generator needs: cheap ids, who a people column names, rows already there. */
public final class DemoValues {

    private DemoValues() {
    }

    /** A version-4 UUID from a fast generator: far cheaper than SecureRandom for a million rows. */
    public static UUID randomId(SplittableRandom random) {
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The member a generated row names, taken in turn; nobody (null) when the tenant has no members. */
    public static UUID person(List<UUID> memberIds, int index) {
        return memberIds.isEmpty() ? null : memberIds.get(index % memberIds.size());
    }

    /**
     * Rows the tenant already has in {@code table} of the service's schema. A later run numbers its
     * names after them, so generated names never repeat a unique name.
     */
    public static long existingRows(ServiceDatabase db, String table, UUID tenantId) {
        Long count = db.jdbc().queryForObject("select count(*) from " + db.schema() + "." + table + " where tenant_id = ?",
                Long.class, tenantId);
        return count == null ? 0 : count;
    }
}
