package com.bakeryia.deletion;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Runs a participant's delete so that a failure becomes an error result naming the service, never an exception. */
public final class SafeDeletion {

    private SafeDeletion() {
    }

    public static DeletionResult delete(DeletionParticipant participant, DeletionSubject subject, Clock clock) {
        return delete(participant, subject, UUID.randomUUID(), clock);
    }

    /** As {@link DeletionParticipant#delete(DeletionSubject, UUID)}: the counts are the run's so far. */
    public static DeletionResult delete(DeletionParticipant participant, DeletionSubject subject, UUID runId, Clock clock) {
        Instant startedAt = clock.instant();
        try {
            DeletionResult result = participant.delete(subject, runId);
            if (result == null) {
                return DeletionResult.failure(participant.service(), subject,
                        participant.service() + ": participant returned no result", startedAt, clock.instant());
            }
            return result;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return DeletionResult.failure(participant.service(), subject,
                    participant.service() + ": " + reason, startedAt, clock.instant());
        }
    }
}
