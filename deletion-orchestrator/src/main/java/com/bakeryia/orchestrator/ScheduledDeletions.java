package com.bakeryia.orchestrator;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.bakeryia.platform.tenancy.UserMemberships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts SCHEDULED jobs whose grace window has ended: the tenant is marked DELETING (with the job
 * row locked, so a restore racing the purge either wins first or finds the deletion started), then
 * the job is PENDING and workers claim its steps. Derived from the job rows alone: a restart, or a
 * process that was down at the deadline, starts the job at its first poll after coming back.
 */
class ScheduledDeletions {

    private static final Logger log = LoggerFactory.getLogger(ScheduledDeletions.class);

    /** Jobs started per pass at most; any more are started by the next pass. */
    static final int PASS_LIMIT = 100;

    private final DeletionJobStarts starts;
    private final UserMemberships tenancy;
    private final Clock clock;

    ScheduledDeletions(DeletionJobStarts starts, UserMemberships tenancy, Clock clock) {
        this.starts = starts;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** One pass: starts every SCHEDULED job that is due; returns how many this pass started. */
    int startDue() {
        Instant now = clock.instant();
        int started = 0;
        for (DeletionJobStarts.ScheduledJob job : starts.dueScheduled(now, PASS_LIMIT)) {
            if (start(job.jobId(), job.kind(), job.subjectId(), now)) {
                started++;
                try (var jobId = MDC.putCloseable("job_id", job.jobId().toString())) {
                    log.info("Job {} subject {}: its grace window ended; deletion starts", job.jobId(), job.subjectId());
                }
            }
        }
        return started;
    }

    /**
     * Starts a SCHEDULED job now, whatever its deadline (a service asked to skip the window).
     *
     * @return whether this call started it (false when it was no longer SCHEDULED)
     */
    boolean startNow(UUID jobId, JobKind kind, UUID subjectId) {
        return start(jobId, kind, subjectId, null);
    }

    private boolean start(UUID jobId, JobKind kind, UUID subjectId, Instant dueBy) {
        return starts.startIfDue(jobId, dueBy, clock.instant(), () -> {
            if (kind == JobKind.TENANT) {
                tenancy.markTenantDeleting(subjectId);
            }
        });
    }
}
