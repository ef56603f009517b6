package com.bakeryia.orchestrator.api;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.bakeryia.orchestrator.job.DeletionJobSummary;
import com.bakeryia.orchestrator.proof.DeletionCertificates;
import com.bakeryia.orchestrator.requests.DeletionJobs;
import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantDirectory;
import com.bakeryia.platform.web.ApiProblem;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.JWSObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * proxies would keep it. Either answers the compact JWS as {@code application/jose}, or, when the
 * Accept header prefers {@code application/json}, the JWS and its decoded claims beside it.
 */
@RestController
@Tag(name = "Deletion certificates")
class DeletionCertificateController {

    static final String HAND_OVER_PATH = "/api/v1/deletion-certificates/{job_id}";
    static final String TOKEN_HEADER = "Deletion-Certificate-Token";
    static final String JOSE_VALUE = "application/jose";
    static final MediaType JOSE = MediaType.parseMediaType(JOSE_VALUE);
    private static final String COMPACT_JWS = "The compact JWS (ES256): header.payload.signature, base64url";

    /**
     * A certificate in its JSON form: the proof (the compact JWS) with what it says beside it.
     *
     * @param jobId       the completed job
     * @param keyId       the key that signed it (the JWS's {@code kid})
     * @param issuedAt    when it was signed
     * @param certificate the compact JWS, the proof itself
     * @param claims      its payload, decoded for reading; only the JWS proves it
     */
    @Schema(name = "DeletionCertificate", description = "A deletion certificate in its JSON form")
    record CertificateAnswer(
            UUID jobId,
            String keyId,
            // Named explicitly: the document's model reader keeps a name that starts with "is" or "get" and a
            // lower-case letter as it is (swagger-core issue 415), where the mapper writes issued_at.
            @JsonProperty("issued_at") Instant issuedAt,
            @Schema(description = "The compact JWS (ES256), the proof itself: verify it with the keys at"
                    + " /api/v1/deletion-certificates/jwks.json") String certificate,
            @Schema(description = "The JWS's payload decoded, for reading (job_id, kind, subject_id, requested_at,"
                    + " completed_at, services, totals, verification, audit_head, iss, iat); only the JWS proves it",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE, maxProperties = 100)
            Map<String, Object> claims) {
    }

    private final DeletionJobs jobs;
    private final DeletionCertificates certificates;
    private final DeletionJobReaders readers;

    DeletionCertificateController(DeletionJobs jobs, DeletionCertificates certificates, TenantDirectory tenants) {
        this.jobs = jobs;
        this.certificates = certificates;
        this.readers = new DeletionJobReaders(tenants);
    }

    @Operation(operationId = "getDeletionCertificate", summary = "A completed deletion job's signed certificate",
            description = "The compact JWS (ES256) as application/jose, or, when the Accept header prefers"
                    + " application/json, the JWS and its decoded claims. Verify it with the keys at"
                    + " /api/v1/deletion-certificates/jwks.json.")
    @ApiResponse(responseCode = "200", description = "The certificate", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CertificateAnswer.class)),
            @Content(mediaType = JOSE_VALUE, schema = @Schema(type = "string", description = COMPACT_JWS))})
    @ApiResponse(responseCode = "403", description = "Not a service, the job's initiator, its subject, or an OWNER or"
            + " ADMIN of its tenant", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such job, or it has not completed (no certificate yet)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/api/v1/deletion-jobs/{job_id}/certificate",
            produces = {"application/jose", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<?> certificate(@PathVariable("job_id") UUID jobId,
                                  @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept,
                                  Authentication authentication) {
        DeletionJobSummary job = jobs.find(jobId).orElseThrow(() -> ApiProblem.notFound("No deletion job " + jobId));
        readers.requireMayRead(job, CallerPrincipal.of(authentication));
        DeletionCertificates.Certificate certificate = certificates.find(jobId).orElseThrow(() -> ApiProblem.notFound(
                "Deletion job " + jobId + " has no certificate: it is " + job.status()
                        + "; a certificate is issued when the job completes."));
        return answer(certificate, accept);
    }

    @Operation(operationId = "getHandedOverCertificate",
            summary = "A user job's certificate for the holder of its hand-over token (no login)",
            description = "The erased person cannot log in any more: the answer to their deletion request carried"
                    + " certificate_token (the newest one counts). Send it in the " + TOKEN_HEADER + " header.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The certificate, as GET /api/v1/deletion-jobs/{job_id}/certificate"
            + " answers it", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CertificateAnswer.class)),
            @Content(mediaType = JOSE_VALUE, schema = @Schema(type = "string", description = COMPACT_JWS))})
    @ApiResponse(responseCode = "404", description = "No certificate for this job and token (a wrong token, or the job"
            + " has not completed yet)", content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = HAND_OVER_PATH, produces = {"application/jose", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<?> handedOver(@PathVariable("job_id") UUID jobId,
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

    private static ResponseEntity<?> answer(DeletionCertificates.Certificate certificate, String accept) {
        if (!prefersJson(accept)) {
            return ResponseEntity.ok().contentType(JOSE).body(certificate.jws());
        }
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new CertificateAnswer(certificate.jobId(),
                    certificate.keyId(), certificate.issuedAt(), certificate.jws(),
                    JWSObject.parse(certificate.jws()).getPayload().toJSONObject()));
        } catch (ParseException e) {
            throw new IllegalStateException("A stored certificate is not a JWS: job " + certificate.jobId(), e);
        }
    }

    /**
     * Whether the Accept header prefers the JSON form to the JWS: it names application/json (or
     * application/*+json) with a higher quality than application/jose, or with the same quality
     * and first. Without either named (no header, {@literal *}/{@literal *}) the answer is the JWS.
     */
    static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        int json = -1;
        int jose = -1;
        for (int i = 0; i < types.size(); i++) {
            MediaType type = types.get(i);
            if (type.getQualityValue() <= 0 || type.isWildcardType()) {
                continue;
            }
            if (type.equalsTypeAndSubtype(JOSE)) {
                jose = jose < 0 ? i : jose;
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = json < 0 ? i : json;
            }
        }
        if (json < 0) {
            return false;
        }
        if (jose < 0) {
            return true;
        }
        double jsonQuality = types.get(json).getQualityValue();
        double joseQuality = types.get(jose).getQualityValue();
        return jsonQuality > joseQuality || (jsonQuality == joseQuality && json < jose);
    }
}
