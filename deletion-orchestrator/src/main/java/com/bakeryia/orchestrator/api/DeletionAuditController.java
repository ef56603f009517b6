package com.bakeryia.orchestrator.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.bakeryia.orchestrator.proof.DeletionAudit;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deletion audit trail, services and operators only: {@code GET /api/v1/deletion-audit?subject_id=&job_id=}
 * lists entries oldest first, a page at a time ({@code after}, {@code limit}), each as stored, also
 * when someone rewrote it; {@code GET /api/v1/deletion-audit/verification} recomputes the whole
 * chain, and with {@code audit_head=} (a certificate's) the part after the last full verification,
 * and says whether the chain still holds that hash.
 */
@RestController
@PreAuthorize(DeletionSupervisors.ONLY)
@Tag(name = "Deletion audit", description = "The hash-chained, append-only trail of every deletion action (services"
        + " and operators): its entries, and the chain recomputed")
class DeletionAuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final DeletionAudit audit;

    DeletionAuditController(DeletionAudit audit) {
        this.audit = audit;
    }

    /** One page of entries and where the next one starts (null: this was the last). */
    @Schema(name = "DeletionAuditPage")
    record Page(List<DeletionAudit.Entry> entries, Long nextAfter) {
    }

    @Operation(operationId = "listDeletionAuditEntries", summary = "Services and operators: deletion audit entries, oldest first, filtered by subject and job",
            description = "Pages of at most limit entries (default 100, at most 1000) after the entry seq given as after;"
                    + " next_after is the after of the next page, null on the last.")
    @ApiResponse(responseCode = "200", description = "A page of entries")
    @ApiResponse(responseCode = "400", description = "A malformed id, or after or limit out of range",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/deletion-audit")
    Page entries(@RequestParam(name = "subject_id", required = false) UUID subjectId,
                 @RequestParam(name = "job_id", required = false) UUID jobId,
                 @RequestParam(name = "after", defaultValue = "0") long after,
                 @RequestParam(name = "limit", defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (after < 0) {
            throw ApiProblem.badRequest("after must be 0 or an entry's seq, not " + after).with("field", "after");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + limit).with("field", "limit");
        }
        List<DeletionAudit.Entry> entries = audit.list(subjectId, jobId, after, limit + 1);
        boolean more = entries.size() > limit;
        List<DeletionAudit.Entry> page = more ? entries.subList(0, limit) : entries;
        return new Page(List.copyOf(page), more ? page.get(page.size() - 1).seq() : null);
    }

    @Operation(operationId = "verifyDeletionAudit", summary = "Services and operators: recompute the deletion audit chain",
            description = "{\"valid\": true, \"entries\": N, \"head\": \"...\"} or {\"valid\": false,"
                    + " \"first_invalid_entry\": seq, \"reason\": \"...\"}; with audit_head (from a certificate),"
                    + " audit_head_found says whether the chain still holds it and audit_head_entry where. Without"
                    + " audit_head every entry is re-hashed; with it, only those after the last full verification that"
                    + " found the chain valid (checked_after), unless the entry it ended at has changed since."
                    + " Tampered entries give 200 with valid false, never an error.")
    @ApiResponse(responseCode = "200", description = "The verification")
    @ApiResponse(responseCode = "400", description = "audit_head is not 64 lower-case hex digits",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/deletion-audit/verification")
    Verification verification(@RequestParam(name = "audit_head", required = false) String auditHead) {
        if (auditHead != null && !HASH.matcher(auditHead).matches()) {
            throw ApiProblem.badRequest("audit_head must be a SHA-256 in 64 lower-case hex digits").with("field", "audit_head");
        }
        // A certificate's head is looked at on every console view of a job: re-hash only what came
        // after the last full verification. Without it, the caller asks for the full check.
        DeletionAudit.Verification verification = auditHead == null ? audit.verify() : audit.verifySinceCheckpoint();
        boolean valid = verification.valid();
        Optional<Long> entry = auditHead == null ? Optional.empty() : audit.seqOf(auditHead);
        return new Verification(valid, verification.entries(), valid ? verification.head() : null,
                valid ? null : verification.firstInvalidEntry(), valid ? null : verification.reason(),
                verification.checkedAfter(), auditHead == null ? null : entry.isPresent() && valid, entry.orElse(null));
    }

    /**
     * The chain recomputed from its first entry; fields that do not apply are absent.
     *
     * @param valid             whether every entry is what its hash says
     * @param entries           how many entries the chain has
     * @param head              the last entry's hash, when valid
     * @param firstInvalidEntry the seq of the first entry that is not what its hash says, when not valid
     * @param reason            what is wrong with it, when not valid
     * @param checkedAfter      the entry up to which an earlier full verification was relied on (0: all re-hashed now)
     * @param auditHeadFound    with audit_head asked for: whether the (valid) chain still holds that hash
     * @param auditHeadEntry    with audit_head asked for and found: the seq of its entry
     */
    @Schema(name = "DeletionAuditVerification")
    record Verification(boolean valid, long entries, String head, Long firstInvalidEntry, String reason,
                        long checkedAfter, Boolean auditHeadFound, Long auditHeadEntry) {
    }
}
