package com.bakeryia.platform.deletion;

import java.util.UUID;

/**
 * A deletion job as its starter needs it: the id to poll at {@code GET /api/v1/deletion-jobs/{job_id}}
 * and its status when it was started or found (PENDING, RUNNING, COMPLETED or FAILED).
 */
public record DeletionJobRef(UUID jobId, String status) {

    /** Where the job can be read. */
    public String location() {
        return "/api/v1/deletion-jobs/" + jobId;
    }
}
