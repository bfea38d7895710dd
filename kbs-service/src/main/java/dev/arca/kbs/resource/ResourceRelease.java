package dev.arca.kbs.resource;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.jwe.JweEncrypter;
import dev.arca.kbs.policy.PolicyRequest;
import dev.arca.kbs.policy.ResourcePolicyService;
import dev.arca.kbs.token.TokenSource;
import dev.arca.kbs.token.TokenVerifier;
import dev.arca.kbs.token.VerifiedToken;
import dev.arca.kbs.web.KbsPath;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.resource.ResourcePath;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The attested path of the resource plugin (specs/kbs.md §4.4 step 4): find and verify the token, ask the resource
 * policy, read the secret, encrypt it to the token's TEE key. Every outcome is audited.
 */
@Service
public class ResourceRelease {

    private final TokenSource tokens;
    private final TokenVerifier verifier;
    private final ResourcePolicyService policy;
    private final ResourceStore store;
    private final JweEncrypter jwe;
    private final ResourceAudit audit;

    public ResourceRelease(TokenSource tokens, TokenVerifier verifier, ResourcePolicyService policy,
            ResourceStore store, JweEncrypter jwe, ResourceAudit audit) {
        this.tokens = tokens;
        this.verifier = verifier;
        this.policy = policy;
        this.store = store;
        this.jwe = jwe;
        this.audit = audit;
    }

    public JweResponse release(ResourcePath path, HttpServletRequest request) {
        String via = null;
        VerifiedToken token = null;
        try {
            TokenSource.Presented presented = tokens.find(request);
            via = presented.via();
            token = verifier.verify(presented.token());
            PolicyRequest policyRequest = new PolicyRequest(KbsPath.RESOURCE_PLUGIN, path.segments(), query(request));
            if (!policy.allows(token.claims(), policyRequest)) {
                throw new KbsException(KbsErrorType.PolicyDeny, "Access denied by policy");
            }
            jwe.requireSupported(token.teeKey());
            byte[] secret = store.get(path).orElseThrow(() -> new KbsException(KbsErrorType.ResourceNotFound,
                    "resource " + path + " not found"));
            JweResponse response = jwe.encrypt(token.teeKey(), secret);
            audit.released(path, via, token.teeKey());
            return response;
        } catch (KbsException e) {
            audit.refused(path, via, token == null ? null : token.teeKey(), e);
            throw e;
        }
    }

    /** The query string as a flat map; for a repeated key the last value wins (specs/kbs.md §1.1). */
    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                query.put(name, values[values.length - 1]);
            }
        });
        return query;
    }
}
