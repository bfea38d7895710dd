package dev.arca.kbs.policy;

import dev.arca.service.security.ServiceSecurity;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.admin.AdminIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Upstream's resource-policy endpoints (Trustee kbs_attestation_protocol.md; Trustee KBS policy engine): POST stores
 * {@code {"policy": base64url(CEL)}} under upstream's id {@code resource-policy}, bound to {@code ""} (every request)
 * unless the Arca extensions {@code id} and {@code binding} say otherwise; GET lists the stored policy ids. The full
 * per-id API is {@link PolicyAdminController}.
 */
@RestController
@Tag(name = "admin: resource policies")
public class ResourcePolicyController {

    private static final Logger log = LoggerFactory.getLogger(ResourcePolicyController.class);
    static final String PATH = "/kbs/v0/resource-policy";

    /**
     * Upload body: upstream's {@code policy}, the optional {@code type} (rego or cel; absent: the text decides), and
     * Arca's optional {@code id} and {@code binding}.
     */
    record PolicyUpload(String policy, String type, String id, String binding) {
    }

    private final ServiceSecurity security;
    private final ResourcePolicyService policies;
    private final long maxBody;

    public ResourcePolicyController(ResourcePolicyService policies, KbsProperties properties, ServiceSecurity security) {
        this.security = security;
        this.policies = policies;
        this.maxBody = properties.maxRequestBody().toBytes();
    }

    @PostMapping(PATH)
    @Operation(summary = "Set a resource policy (upstream form)", description = "Body {\"policy\": base64url(Rego or CEL), "
            + "\"type\"?: rego|cel (absent: the text decides), \"id\"?: default resource-policy, \"binding\"?: default \"\"}. 400 with the compiler's message when "
            + "the policy does not compile; nothing is stored then.")
    public ResponseEntity<Void> set(HttpServletRequest request) {
        AdminIdentity identity = security.adminCaller();
        PolicyUpload upload = RequestBodies.json(RequestBodies.read(request, maxBody), PolicyUpload.class,
                "resource policy");
        var declared = PolicyText.declaredType(upload.type());
        String text = PolicyText.decode(upload.policy());
        StoredPolicy stored = policies.set(upload.id() == null ? ResourcePolicyService.UPSTREAM_ID : upload.id(),
                upload.binding() == null ? "" : upload.binding(), text, declared);
        log.info("admin {} set resource policy {} bound to '{}'", identity.subject(), stored.id(), stored.binding());
        return ResponseEntity.ok().build();
    }

    @GetMapping(PATH)
    @Operation(summary = "List the stored resource policy ids (upstream form)")
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        return JsonResponses.ok(policies.list().stream().map(StoredPolicy::id).toList());
    }
}
