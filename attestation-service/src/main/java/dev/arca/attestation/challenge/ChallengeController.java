package dev.arca.attestation.challenge;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.verifier.VerifierRegistry;
import dev.arca.attestation.web.ApiException;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /challenge} (Trustee restful-as.md; Trustee protos/attestation.proto {@code ChallengeRequest}): a JSON
 * object of strings with {@code tee} and {@code tee_params}; the answer is the TEE's challenge as plain text, which is
 * {@code ""} for every TEE except IBM Secure Execution. A TEE without a verifier here is refused with the supported
 * list.
 */
@RestController
public class ChallengeController {

    private final VerifierRegistry verifiers;

    public ChallengeController(VerifierRegistry verifiers) {
        this.verifiers = verifiers;
    }

    @PostMapping(value = "/challenge", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get the attestation challenge of a TEE",
            description = "Body: {\"tee\": <TEE>, \"tee_params\": <string>}. The challenge is empty for every TEE"
                    + " this service verifies (only IBM Secure Execution has one upstream).")
    @ApiResponse(responseCode = "200", description = "the challenge, plain text (empty)",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "not a JSON object of strings with tee and tee_params, or an unsupported TEE",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<String> challenge(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the challenge request must be a JSON object "
                    + "{\"tee\": <TEE name>, \"tee_params\": <string>}");
        }
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            if (!member.getValue().isString()) {
                throw ApiException.badRequest("challenge request member '" + member.getKey()
                        + "' must be a string");
            }
        }
        String tee = required(body, "tee");
        String teeParams = required(body, "tee_params");
        Verifier verifier = verifiers.forTee(tee);
        try {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(verifier.challenge(teeParams));
        } catch (VerificationException e) {
            throw ApiException.badRequest("tee_params for " + verifier.tee().wireName() + ": " + e.getMessage());
        }
    }

    private static String required(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            throw ApiException.badRequest("challenge request needs a string '" + name + "'");
        }
        return value.stringValue();
    }
}
