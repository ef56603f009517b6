package com.bakeryia.suppliers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A delivery against a purchase order, as the API shows it. */
record DeliveryView(UUID id, UUID tenantId, UUID purchaseOrderId, LocalDate deliveredOn, String status, String notes,
                    UUID receivedBy, OffsetDateTime createdAt) {
}
