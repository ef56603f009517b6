package com.bakeryia.production;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A piece of equipment as the API shows it. */
record EquipmentView(UUID id, UUID tenantId, String name, String equipmentType, String status, OffsetDateTime createdAt) {
}
