package com.bakeryia.orchestrator.api;

import java.util.List;
import java.util.UUID;

import com.bakeryia.deletion.RetainedRecord;
import com.bakeryia.orchestrator.requests.RetainedRecordReads;
import com.bakeryia.platform.security.CallerPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The records the law keeps of deleted tenants, for the platform's RECORDS_OFFICER only (no
 * operator, no service, no member of the bakery it belonged to): one read at a time, of one
 * service's archive of one tenant, each with a stated reason that the deletion audit trail records
 * with the reader and what was read.
 */
@RestController
@PreAuthorize("hasRole('RECORDS_OFFICER')")
@Tag(name = "Records kept by law", description = "What the law of a deleted tenant's country keeps of its records"
        + " (RECORDS_OFFICER only): one read at a time, each with a reason, each in the deletion audit trail")
class RetainedRecordsController {

    private final RetainedRecordReads reads;

    RetainedRecordsController(RetainedRecordReads reads) {
        this.reads = reads;
    }

    /**
     * One read.
     *
     * @param tenantId the deleted tenant
     * @param service  the data service whose archive is read (pos, orders, suppliers, sales keep records)
     * @param reason   why: recorded in the audit trail with the reader (a tax audit's reference, an
     *                 authority's request); it should name no person
     * @param after    the {@code seq} after which to read (a page's {@code next_after}); default 0
     * @param limit    how many records, 1 to 100; default 50
     */
    @Schema(name = "RetainedRecordReadRequest")
    record ReadRequest(@NotNull UUID tenantId, @NotBlank @Size(max = 40) String service,
                       @NotBlank @Size(min = 10, max = 500) String reason, @Min(0) Long after,
                       @Min(1) @Max(100) Integer limit) {
    }

    /**
     * What a read returned.
     *
     * @param jobId     the tenant's deletion job, under which the read is in the audit trail
     * @param auditHead the hash of the audit entry that records this read
     * @param items     the records, oldest first
     * @param nextAfter the {@code after} of the next page; absent on the last
     */
    @Schema(name = "RetainedRecordRead")
    record ReadAnswer(UUID tenantId, String service, String reason, UUID jobId, String auditHead,
                      List<RetainedRecord> items, Long nextAfter) {
    }

    @Operation(operationId = "readRetainedRecords", summary = "Read a page of what the law keeps of a deleted tenant, stating why",
            description = "RECORDS_OFFICER only: a page of the records a tenant's deletion kept in one data service's"
                    + " archive (minimised: the catalogue's columns, a person's id as the tombstone), with their basis"
                    + " and retain_until. The read, with the reader, the reason and the records' ids, is appended to"
                    + " the deletion audit trail before the records are answered.")
    @ApiResponse(responseCode = "200", description = "The records read, and the audit entry that records the read")
    @ApiResponse(responseCode = "400", description = "No tenant_id, service or reason, a reason shorter than 10 characters,"
            + " or after or limit out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Not a RECORDS_OFFICER", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such data service, or the tenant has no completed deletion",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/retained-records/reads")
    ReadAnswer read(@Valid @RequestBody ReadRequest request, Authentication authentication) {
        CallerPrincipal reader = CallerPrincipal.of(authentication);
        String reason = request.reason().strip();
        RetainedRecordReads.Read read = reads.read(request.tenantId(), request.service(),
                request.after() == null ? 0 : request.after(), request.limit() == null ? 50 : request.limit(), reason,
                reader.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + reader.subject());
        return new ReadAnswer(request.tenantId(), request.service(), reason, read.jobId(), read.auditHead(),
                read.page().items(), read.page().nextAfter());
    }
}
