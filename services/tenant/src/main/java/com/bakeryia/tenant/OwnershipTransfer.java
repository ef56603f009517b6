package com.bakeryia.tenant;

import java.time.Instant;
import java.util.UUID;

/** The result of a transfer of ownership: the previous owner is now an ADMIN. */
record OwnershipTransfer(UUID tenantId, UUID previousOwnerId, UUID newOwnerId, Instant transferredAt) {
}
