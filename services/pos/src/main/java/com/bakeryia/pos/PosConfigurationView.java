package com.bakeryia.pos;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A till configuration as the API shows it. */
record PosConfigurationView(UUID id, UUID tenantId, String name, String provider, String locationName, boolean active,
                            UUID createdBy, OffsetDateTime createdAt) {
}
