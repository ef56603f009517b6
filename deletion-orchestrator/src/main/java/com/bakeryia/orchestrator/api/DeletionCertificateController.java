package com.bakeryia.orchestrator.api;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import com.nimbusds.jose.JWSObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A completed job's deletion certificate: {@code GET /api/v1/deletion-jobs/{job_id}/certificate}
 * for whoever may read the job ({@link DeletionJobReaders}), and
 * {@code GET /api/v1/deletion-certificates/{job_id}} with the {@value #TOKEN_HEADER} header,
 * without logging in, for the holder of the hand-over token of a user job (the erased person, who
 * cannot log in any more). The token travels in a header, never in the URL, where logs and
 * proxies would keep it. Either answers the compact JWS as {@code application/jose}, or with
 * {@code Accept: application/json} the JWS and its decoded claims beside it.
 */
@RestController
class DeletionCertificateController {

    static final String HAND_OVER_PATH = "/api/v1/deletion-certificates/{job_id}";
    static final String TOKEN_HEADER = "Deletion-Certificate-Token";
    static final MediaType JOSE = MediaType.parseMediaType("application/jose");

    private final DeletionJobs jobs;
    private final DeletionCertificates certificates;
    private final DeletionJobReaders readers;

    DeletionCertificateController(DeletionJobs jobs, DeletionCertificates certificates, TenantDirectory tenants) {
        this.jobs = jobs;
        this.certificates = certificates;
        this.readers = new DeletionJobReaders(tenants);
    }

    @Operation(summary = "A completed deletion job's signed certificate",
            description = "The compact JWS (ES256) as application/jose, or with Accept: application/json the JWS and"
                    + " its decoded claims. Verify it with the keys at /api/v1/deletion-certificates/jwks.json.")
    @ApiResponse(responseCode = "200", description = "The certificate", content = {
            @Content(mediaType = "application/jose"), @Content(mediaType = "application/json")})
    @ApiResponse(responseCode = "403", description = "Not a service, the job's initiator, its subject, or an OWNER or"
            + " ADMIN of its tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such job, or it has not completed (no certificate yet)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/api/v1/deletion-jobs/{job_id}/certificate",
            produces = {"application/jose", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Object> certificate(@PathVariable("job_id") UUID jobId,
                                       @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept,
                                       Authentication authentication) {
        DeletionJobSummary job = jobs.find(jobId).orElseThrow(() -> ApiProblem.notFound("No deletion job " + jobId));
        readers.requireMayRead(job, CallerPrincipal.of(authentication));
        DeletionCertificates.Certificate certificate = certificates.find(jobId).orElseThrow(() -> ApiProblem.notFound(
                "Deletion job " + jobId + " has no certificate: it is " + job.status()
                        + "; a certificate is issued when the job completes."));
        return answer(certificate, accept);
    }

    @Operation(summary = "A user job's certificate for the holder of its hand-over token (no login)",
            description = "The erased person cannot log in any more: the answer to their deletion request carried"
                    + " certificate_token (the newest one counts). Send it in the " + TOKEN_HEADER + " header.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The certificate", content = {
            @Content(mediaType = "application/jose"), @Content(mediaType = "application/json")})
    @ApiResponse(responseCode = "404", description = "No certificate for this job and token (a wrong token, or the job"
            + " has not completed yet)", content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = HAND_OVER_PATH, produces = {"application/jose", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Object> handedOver(@PathVariable("job_id") UUID jobId,
                                      @Parameter(description = "The hand-over token from the answer to the deletion request")
                                      @RequestHeader(name = TOKEN_HEADER, required = false) @Size(max = 100) String token,
                                      @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        // One answer for a wrong token and a missing certificate: the token holder learns nothing else.
        if (!certificates.handOverTokenMatches(jobId, token)) {
            throw ApiProblem.notFound("No certificate for job " + jobId + " with this token.");
        }
        return answer(certificates.find(jobId).orElseThrow(() -> ApiProblem.notFound("No certificate for job " + jobId
                + " with this token yet: it is issued when the erasure completes.")), accept);
    }

    private static ResponseEntity<Object> answer(DeletionCertificates.Certificate certificate, String accept) {
        boolean json = accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType())
                && !accept.contains("application/jose");
        if (!json) {
            return ResponseEntity.ok().contentType(JOSE).body(certificate.jws());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", certificate.jobId());
        body.put("key_id", certificate.keyId());
        body.put("issued_at", certificate.issuedAt());
        body.put("certificate", certificate.jws());
        try {
            body.put("claims", JWSObject.parse(certificate.jws()).getPayload().toJSONObject());
        } catch (ParseException e) {
            throw new IllegalStateException("A stored certificate is not a JWS: job " + certificate.jobId(), e);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
