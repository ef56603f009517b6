package com.bakeryia.platform.deletion;

import java.util.UUID;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionScan;
import com.bakeryia.deletion.DeletionScope;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.deletion.RetainedRecordPage;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP binding of the deletion contract for every participant in this process (services only):
 * {@code DELETE /api/v1/{service}/tenant/{tenant_id}[?run_id=]}, {@code GET .../deletion-preview},
 * {@code GET .../deletion-scan} (the catalog scan after verification), and the
 * same under {@code /user/{user_id}}. A failed delete answers 500 with the error result, so a
 * caller that retries sees what went wrong.
 */
@Tag(name = "Deletion participants", description = "The HTTP binding of the deletion contract for every participant in this process (services "
        + "only): `DELETE /api/v1/{service}/tenant/{tenant_id}[?run_id=]` (counts are the run's, exact across calls "
        + "that died midway), `GET .../deletion-preview`, `GET .../deletion-scan` (the live catalog, not the plan), and "
        + "the same under `/user/{user_id}`. A failed delete answers 500 with the error result, so a "
        + "caller that retries sees what went wrong.")
@RestController
@PreAuthorize("hasRole('SERVICE')")
public class DeletionController {

    private final LocalDeletionParticipants participants;

    public DeletionController(LocalDeletionParticipants participants) {
        this.participants = participants;
    }

    @Operation(operationId = "deleteTenantData", summary = "Delete a tenant's data from one service")
    @ApiResponse(responseCode = "200", description = "Deleted: what was removed, per table")
    @ApiResponse(responseCode = "500", description = "The delete failed: the result says where (a retry resumes)",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = DeletionResult.class)),
                    @Content(mediaType = "application/problem+json")})
    @DeleteMapping("/api/v1/{service}/tenant/{tenant_id}")
    public ResponseEntity<DeletionResult> deleteTenant(@PathVariable String service,
                                                       @PathVariable("tenant_id") UUID tenantId,
                                                       @RequestParam(name = "run_id", required = false) UUID runId) {
        return delete(service, subject(DeletionScope.TENANT, tenantId), runId);
    }

    @Operation(operationId = "previewTenantDataDeletion", summary = "Count what deleting a tenant would remove from one service")
    @GetMapping("/api/v1/{service}/tenant/{tenant_id}/deletion-preview")
    public DeletionPreview previewTenant(@PathVariable String service, @PathVariable("tenant_id") UUID tenantId) {
        return participant(service, DeletionScope.TENANT).preview(subject(DeletionScope.TENANT, tenantId));
    }

    @Operation(operationId = "listRetainedTenantRecords", summary = "Read a page of what the law keeps of a deleted tenant in one service",
            description = "Services only (the deletion orchestrator, for the platform's RECORDS_OFFICER, who states a reason"
                    + " that the audit trail records): the records a tenant's deletion kept in this service's archive,"
                    + " minimised, oldest first, those after `after`; an empty page for a service that keeps nothing.")
    @ApiResponse(responseCode = "200", description = "A page of kept records")
    @GetMapping("/api/v1/{service}/tenant/{tenant_id}/retained-records")
    public RetainedRecordPage retainedRecords(@PathVariable String service, @PathVariable("tenant_id") UUID tenantId,
                                              @RequestParam(defaultValue = "0") @Min(0) long after,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return participant(service, DeletionScope.TENANT).retainedRecords(subject(DeletionScope.TENANT, tenantId).id(),
                after, limit);
    }

    @Operation(operationId = "scanTenantData", summary = "Scan one service's live catalog for a deleted tenant's rows",
            description = "The independent check after verification: every table with a tenant_id column, from the"
                    + " catalog rather than the deletion plan; found lists schema.table.column with rows still there.")
    @ApiResponse(responseCode = "200", description = "What the scan read and found")
    @GetMapping("/api/v1/{service}/tenant/{tenant_id}/deletion-scan")
    public DeletionScan scanTenant(@PathVariable String service, @PathVariable("tenant_id") UUID tenantId) {
        return participant(service, DeletionScope.TENANT).scan(subject(DeletionScope.TENANT, tenantId));
    }

    @Operation(operationId = "scanUserData", summary = "Scan one service's live catalog for references to an erased user",
            description = "The independent check after verification: every uuid column and every column named like a"
                    + " person's id, from the catalog rather than the deletion plan; retained deletion records aside.")
    @ApiResponse(responseCode = "200", description = "What the scan read and found")
    @GetMapping("/api/v1/{service}/user/{user_id}/deletion-scan")
    public DeletionScan scanUser(@PathVariable String service, @PathVariable("user_id") UUID userId) {
        return participant(service, DeletionScope.USER).scan(subject(DeletionScope.USER, userId));
    }

    @Operation(operationId = "deleteUserData", summary = "Delete or anonymise a user's data in one service")
    @ApiResponse(responseCode = "200", description = "Deleted: what was removed, per table")
    @ApiResponse(responseCode = "500", description = "The delete failed: the result says where (a retry resumes)",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = DeletionResult.class)),
                    @Content(mediaType = "application/problem+json")})
    @DeleteMapping("/api/v1/{service}/user/{user_id}")
    public ResponseEntity<DeletionResult> deleteUser(@PathVariable String service, @PathVariable("user_id") UUID userId,
                                                     @RequestParam(name = "run_id", required = false) UUID runId) {
        return delete(service, subject(DeletionScope.USER, userId), runId);
    }

    @Operation(operationId = "previewUserDataDeletion", summary = "Count what deleting a user would remove or anonymise in one service")
    @GetMapping("/api/v1/{service}/user/{user_id}/deletion-preview")
    public DeletionPreview previewUser(@PathVariable String service, @PathVariable("user_id") UUID userId) {
        return participant(service, DeletionScope.USER).preview(subject(DeletionScope.USER, userId));
    }

    /** A delete of the run {@code runId} (a run of its own when none is given): its counts are the run's so far. */
    private ResponseEntity<DeletionResult> delete(String service, DeletionSubject subject, UUID runId) {
        DeletionParticipant participant = participant(service, subject.scope());
        DeletionResult result = runId == null ? participant.delete(subject) : participant.delete(subject, runId);
        return ResponseEntity.status(result.succeeded() ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR).body(result);
    }

    /** The subject, or a 400 naming the parameter when no tenant or user can have that id. */
    private static DeletionSubject subject(DeletionScope scope, UUID id) {
        if (DeletionSubject.isImpossible(id)) {
            String parameter = scope == DeletionScope.TENANT ? "tenant_id" : "user_id";
            throw ApiProblem.badRequest(parameter + " " + id + " is the tombstone that replaces erased users;"
                    + " it names no " + scope.pathSegment() + ".").with("field", parameter);
        }
        return new DeletionSubject(scope, id);
    }

    private DeletionParticipant participant(String service, DeletionScope scope) {
        return participants.find(service).orElseThrow(() -> ApiProblem.notFound(
                "No deletion participant '" + service + "' runs in this process."));
    }
}
