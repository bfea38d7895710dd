package dev.arca.attestation.policy;

import dev.arca.attestation.admin.AdminOnly;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.as.SetPolicyRequest;
import dev.arca.model.json.Base64s;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attestation-policy admin API (docs/architecture.md "attestation-service", specs/as-rvps.md §2.2, §5.3). Unlike
 * upstream, uploads and deletes need an admin JWT (the lesson of CVE-2025-61779, §11).
 */
@RestController
@RequestMapping("/policy")
public class PolicyController {

    private final PolicyCatalog catalog;

    public PolicyController(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    @AdminOnly
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Void> set(@RequestBody SetPolicyRequest request) {
        String id = PolicyIds.requireValid(request.policyId());
        String text = decode(request.policy());
        try {
            catalog.save(id, text);
        } catch (InvalidPolicyException e) {
            throw new ApiException(Problem.INVALID_POLICY, "policy '" + id + "' does not compile: " + e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Map<String, String>> list() {
        return catalog.ids().stream().map(id -> Map.of("policy-id", id)).toList();
    }

    @GetMapping(value = "/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
    public String get(@PathVariable String id) {
        return catalog.find(PolicyIds.requireValid(id)).map(NamedPolicy::text)
                .orElseThrow(() -> new ApiException(Problem.NOT_FOUND, "no attestation policy '" + id + "'"));
    }

    @AdminOnly
    @DeleteMapping("/{id}")
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

    /** {@code policy} is base64url without padding of UTF-8 policy text (specs/as-rvps.md §2.2). */
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
