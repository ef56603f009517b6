package com.bakeryia.orders;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer as the API shows it. */
record CustomerView(UUID id, UUID tenantId, String name, String email, String phone, String customerType,
                    UUID createdBy, OffsetDateTime createdAt) {
}
