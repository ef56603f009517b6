package com.bakeryia.suppliers;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A supplier as the API shows it. */
record SupplierView(UUID id, UUID tenantId, String name, String contactEmail, String phone, int leadTimeDays,
                    UUID createdBy, OffsetDateTime createdAt) {
}
