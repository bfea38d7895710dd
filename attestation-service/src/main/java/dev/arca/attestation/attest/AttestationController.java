package dev.arca.attestation.attest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /attestation} (Trustee restful-as.md): the EAR JWT as the plain-text body. */
@RestController
public class AttestationController {

    private final AttestationService service;

    public AttestationController(AttestationService service) {
        this.service = service;
    }

    /** The content type is set, not negotiated: upstream clients send any Accept and read the body as the token. */
    @PostMapping(value = "/attestation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify evidence and get an EAR token",
            description = "One verification request per device evidence (the first is the primary, cpu0); each"
                    + " device is appraised with the policy <policy id>_<device class>, else <policy id>. The answer"
                    + " is the signed EAR JWT as plain text.")
    @ApiResponse(responseCode = "200", description = "the EAR token (compact JWS)",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "malformed request or evidence, unsupported TEE, unknown policy, verify_at refused",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the evidence did not verify (signature, chain, revocation, report-data or init-data "
                    + "binding, TCB, event log, expired collateral)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "request body over arca.as.max-request-size",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "500", description = "a verifier failed unexpectedly (details only in the log)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "collateral could not be fetched or used; retry later",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<String> attest(@RequestBody AttestationApiRequest request) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(service.attest(request));
    }
}
