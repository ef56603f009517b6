package com.bakeryia.pos;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A cashier session as the API shows it. */
record PosSessionView(UUID id, UUID tenantId, UUID configurationId, String status, BigDecimal openingCash,
                      BigDecimal closingCash, UUID openedBy, UUID closedBy, OffsetDateTime openedAt,
                      OffsetDateTime closedAt) {
}
