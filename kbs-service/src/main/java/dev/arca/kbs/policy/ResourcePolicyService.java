package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.policy.BuiltInResourcePolicy;
import dev.arca.model.policy.PolicyType;
import dev.arca.policy.cel.PolicyRejectedException;
import dev.arca.kbs.error.Problems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Decides releases with the resource policies (docs/kbs.md "Resource policies"): the stored policy whose binding is
 * the longest prefix of the request's subject decides; where none is bound, the request is denied. Until an admin has
 * stored any policy at all, the built-in default policy of docs/architecture.md stands in, bound to {@code ""}.
 */
@Service
public class ResourcePolicyService {

    /**
     * Release only resources (no other plugin), and only to an affirming cpu0 that is not the sample TEE — upstream's
     * default policy (Trustee KBS default resource policy) with the affirming test, in CEL, as docs/architecture.md
     * states it. In force while no policy is stored, in CEL or Rego as {@code arca.kbs.policy.default-language} says.
     */
    public static final String DEFAULT_POLICY = BuiltInResourcePolicy.DEFAULT.cel();
    public static final String DEFAULT_ID = "default";
    /**
     * The id upstream's single policy has (Trustee KBS policy engine); POST /kbs/v0/resource-policy stores under it.
     */
    public static final String UPSTREAM_ID = "resource-policy";

    private final ResourcePolicyEngine engine;
    private final ResourcePolicyStore store;
    private final DeclaredResourcePolicies declared;

    public ResourcePolicyService(ResourcePolicyEngine engine, ResourcePolicyStore store,
            DeclaredResourcePolicies declared) {
        this.engine = engine;
        this.store = store;
        this.declared = declared;
    }

    /** The declared and stored policies, or the built-in default alone while there is none. */
    public List<StoredPolicy> effective() {
        List<StoredPolicy> policies = list();
        return policies.isEmpty() ? List.of(new StoredPolicy(DEFAULT_ID, "", engine.builtInDefault(), null))
                : policies;
    }

    /**
     * The policy whose binding is the longest prefix of the request's subject. Bindings are unique among stored
     * policies; a declared policy may share one with a stored or another declared policy, and then the declared one,
     * then the smaller id, decides, so the choice never depends on listing order.
     */
    public Optional<StoredPolicy> policyFor(PolicyRequest request) {
        String subject = request.subject();
        return effective().stream()
                .filter(policy -> subject.startsWith(policy.binding()))
                .max(Comparator.<StoredPolicy>comparingInt(policy -> policy.binding().length())
                        .thenComparing(policy -> declared.find(policy.id()).isPresent())
                        .thenComparing(StoredPolicy::id, Comparator.reverseOrder()));
    }

    public PolicyDecision decide(JsonNode claims, PolicyRequest request) {
        Optional<StoredPolicy> policy = policyFor(request);
        if (policy.isEmpty()) {
            return new PolicyDecision(false, null, "no resource policy is bound to " + request.subject());
        }
        StoredPolicy chosen = policy.get();
        ResourcePolicyEngine.Evaluation evaluation = engine.evaluate(chosen.text(), claims, request);
        String reason = switch (evaluation.verdict()) {
            case ALLOWED -> "allowed by policy " + chosen.id();
            case DENIED -> "denied by policy " + chosen.id();
            case BUDGET_EXCEEDED -> "denied by policy " + chosen.id() + ": over its evaluation budget ("
                    + evaluation.detail() + ")";
            case FAILED -> "denied by policy " + chosen.id() + ": its evaluation failed";
        };
        return new PolicyDecision(evaluation.allowed(), chosen.id(), reason);
    }

    /**
     * Compiles first: a policy that does not compile, or whose estimated cost exceeds the evaluation budget, is refused
     * with the reason and nothing is stored.
     */
    public StoredPolicy set(String id, String binding, String text) {
        return set(id, binding, text, Optional.empty());
    }

    /** As {@link #set(String, String, String)}, compiled in the language the upload declares (else the text's). */
    public StoredPolicy set(String id, String binding, String text, Optional<PolicyType> declared) {
        PolicyBinding.requireId(id);
        requireNotDeclared(id);
        PolicyBinding.requireBinding(binding);
        try {
            engine.validate(text, declared);
        } catch (PolicyRejectedException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: " + e.getMessage());
        }
        return store.save(id, binding, text);
    }

    /** Declared policies and stored ones whose id no file declares, sorted by binding then id, as the store lists. */
    public List<StoredPolicy> list() {
        List<StoredPolicy> all = new ArrayList<>(declared.list());
        store.list().stream().filter(policy -> !declared.declares(policy.id())).forEach(all::add);
        all.sort(Comparator.comparing(StoredPolicy::binding).thenComparing(StoredPolicy::id));
        return all;
    }

    public Optional<StoredPolicy> find(String id) {
        if (declared.declares(id)) {
            return declared.find(id);
        }
        return store.find(id);
    }

    public boolean delete(String id) {
        requireNotDeclared(id);
        return store.delete(id);
    }

    /**
     * The policy directory is authoritative for its ids: an API write there would be undone, or silently shadowed, by
     * the next GitOps sync, so it is refused and the caller told where the policy is managed.
     */
    private void requireNotDeclared(String id) {
        if (declared.declares(id)) {
            throw new KbsException(Problems.withStatus(KbsErrorType.InvalidRequest, 409, "resource policy " + id
                    + " is managed by the policy directory (e.g. a Kubernetes ConfigMap); change it there"));
        }
    }
}
