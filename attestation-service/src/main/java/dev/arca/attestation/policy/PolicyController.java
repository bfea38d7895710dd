package dev.arca.attestation.policy;

import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.as.SetPolicyRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.policy.PolicyType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attestation-policy admin API (docs/architecture.md "attestation-service"; Trustee restful-as.md, Trustee
 * attestation-service policy.md). Unlike upstream, uploads and deletes need an admin JWT (the lesson of Trustee
 * CVE-2025-61779).
 */
@RestController
@RequestMapping("/policy")
public class PolicyController {

    private final PolicyCatalog catalog;

    public PolicyController(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace an attestation policy",
            description = "policy = base64url (no padding) of the Rego or CEL text; type = rego (upstream's) or cel"
                    + " declares the language, absent the text decides; it must compile and give AR4SI trust claims"
                    + " (docs/policies.md).", security = @SecurityRequirement(name = "admin"))
    @ApiResponse(responseCode = "200", description = "stored (empty body, as upstream's AS answers)")
    @ApiResponse(responseCode = "400", description = "bad id, bad base64, unknown type, or the policy does not compile"
            + " in its language (the compiler's message)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "no valid admin token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "admin API disabled or token role not the required one",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the id is managed by the policy directory (policy-declared)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Void> set(@RequestBody SetPolicyRequest request) {
        String id = PolicyIds.requireValid(request.policyId());
        Optional<PolicyType> declared = declaredType(request.type());
        String text = decode(request.policy());
        try {
            catalog.save(id, text, declared);
        } catch (InvalidPolicyException e) {
            throw new ApiException(Problem.INVALID_POLICY, "policy '" + id
                    + (e.overBudget() ? "' is over the evaluation budget: " : "' does not compile: ") + e.getMessage());
        }
        // upstream's AS answers 200 here, and upstream tools check for exactly that
        return ResponseEntity.ok().build();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List policy ids", description = "Uploaded and built-in ids, sorted: [{\"policy-id\": …}]")
    public List<Map<String, String>> list() {
        return catalog.ids().stream().map(id -> Map.of("policy-id", id)).toList();
    }

    @GetMapping(value = "/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Read a policy's CEL text", description = "The upload with this id, else the built-in one.")
    @ApiResponse(responseCode = "200", description = "the policy text",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no such policy",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public String get(@PathVariable String id) {
        return catalog.find(PolicyIds.requireValid(id)).map(NamedPolicy::text)
                .orElseThrow(() -> new ApiException(Problem.NOT_FOUND, "no attestation policy '" + id + "'"));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an uploaded policy",
            description = "A built-in policy of the same id applies again afterwards.",
            security = @SecurityRequirement(name = "admin"))
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "401", description = "no valid admin token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "admin API disabled or token role not the required one",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no uploaded policy with this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the id is managed by the policy directory (policy-declared)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Void> delete(@PathVariable String id) {
        PolicyIds.requireValid(id);
        if (!catalog.delete(id)) {
            String detail = catalog.isBuiltIn(id)
                    ? "policy '" + id + "' is built in and has no uploaded override to delete"
                    : "no uploaded attestation policy '" + id + "'";
            throw new ApiException(Problem.NOT_FOUND, detail);
        }
        return ResponseEntity.noContent().build();
    }

    /** The envelope's {@code type}: {@code rego} (upstream's), {@code cel}, or absent (the text decides). */
    private static Optional<PolicyType> declaredType(String type) {
        try {
            return PolicyType.parse(type);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** {@code policy} is base64url without padding of UTF-8 policy text (Trustee restful-as.md). */
    private static String decode(String policy) {
        if (policy == null || policy.isEmpty()) {
            throw ApiException.badRequest("'policy' (base64url of the CEL policy text) is required");
        }
        try {
            byte[] bytes = Base64s.fromUrl(policy);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'policy' is not base64url without padding");
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("'policy' does not decode to UTF-8 text");
        }
    }
}
