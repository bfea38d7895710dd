package dev.arca.kbs.policy;

import dev.arca.service.security.ServiceSecurity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.error.KbsErrorType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resource policies by id, each bound to a prefix (docs/kbs.md "Resource policies"):
 * {@code PUT|GET|DELETE /kbs/v0/admin/resource-policies/{id}} and {@code GET /kbs/v0/admin/resource-policies}.
 */
@RestController
@Tag(name = "admin: resource policies")
public class PolicyAdminController {

    private static final Logger log = LoggerFactory.getLogger(PolicyAdminController.class);
    static final String BASE = "/kbs/v0/admin/resource-policies";

    /** Upload: base64url of the CEL text, and the binding ({@code ""} when absent). */
    record PolicyPut(String policy, String type, String binding) {
    }

    /** A policy as listed (no text) or read (with {@code policy}, base64url of the text). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PolicyView(String id, String binding, String sha256, @JsonProperty("updated_at") Instant updatedAt,
            String policy) {

        static PolicyView of(StoredPolicy stored, boolean withText) {
            return new PolicyView(stored.id(), stored.binding(), stored.digest(), stored.updatedAt(),
                    withText ? PolicyText.encode(stored.text()) : null);
        }
    }

    private final ServiceSecurity security;
    private final ResourcePolicyService policies;
    private final long maxBody;

    public PolicyAdminController(ResourcePolicyService policies, KbsProperties properties, ServiceSecurity security) {
        this.security = security;
        this.policies = policies;
        this.maxBody = properties.maxRequestBody().toBytes();
    }

    @GetMapping(BASE)
    @Operation(summary = "List resource policies", description = "Id, binding, SHA-256 of the text, last update.")
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        return JsonResponses.ok(policies.list().stream().map(p -> PolicyView.of(p, false)).toList());
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "Read a resource policy", description = "policy = base64url of the CEL text.")
    public ResponseEntity<byte[]> get(@PathVariable String id, HttpServletRequest request) {
        StoredPolicy stored = policies.find(PolicyBinding.requireId(id)).orElseThrow(() -> notFound(id));
        return JsonResponses.ok(PolicyView.of(stored, true));
    }

    @PutMapping(BASE + "/{id}")
    @Operation(summary = "Create or replace a resource policy", description = "Body {\"policy\": base64url(Rego or CEL), "
            + "\"type\"?: rego|cel, \"binding\": \"tenant-a/\"}. 400 with the compiler's message if it does not compile (nothing stored); "
            + "409 if another policy holds the binding, or if the id is managed by the policy directory.")
    public ResponseEntity<byte[]> put(@PathVariable String id, HttpServletRequest request) {
        AdminIdentity identity = security.adminCaller();
        PolicyBinding.requireId(id);
        PolicyPut upload = RequestBodies.json(RequestBodies.read(request, maxBody), PolicyPut.class,
                "resource policy");
        var declared = PolicyText.declaredType(upload.type());
        StoredPolicy stored = policies.set(id, upload.binding() == null ? "" : upload.binding(),
                PolicyText.decode(upload.policy()), declared);
        log.info("admin {} set resource policy {} bound to '{}'", identity.subject(), stored.id(), stored.binding());
        return JsonResponses.ok(PolicyView.of(stored, false));
    }

    @DeleteMapping(BASE + "/{id}")
    @Operation(summary = "Delete a resource policy",
            description = "409 if the id is managed by the policy directory (change it there).")
    public ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        AdminIdentity identity = security.adminCaller();
        if (!policies.delete(PolicyBinding.requireId(id))) {
            throw notFound(id);
        }
        log.info("admin {} deleted resource policy {}", identity.subject(), id);
        return ResponseEntity.noContent().build();
    }

    private static KbsException notFound(String id) {
        return new KbsException(KbsErrorType.ResourceNotFound, "resource policy " + id + " not found");
    }
}
