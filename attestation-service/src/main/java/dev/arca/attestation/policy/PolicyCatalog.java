package dev.arca.attestation.policy;

import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.policy.PolicyType;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Which policy text an id means: a declared one (the policy directory), else an uploaded one, else a
 * built-in one. For a device the AS looks up
 * {@code <id>_<device class>} first, then {@code <id>} (docs/architecture.md "Attestation policy").
 */
@Service
public class PolicyCatalog {

    private final PolicyStore store;
    private final PolicyValidation validation;
    private final DeclaredPolicies declared;
    private final BuiltInPolicies builtIn;

    public PolicyCatalog(PolicyStore store, PolicyValidation validation, DeclaredPolicies declared,
            PolicyProperties properties) throws InvalidPolicyException {
        this.validation = validation;
        this.store = store;
        this.declared = declared;
        this.builtIn = new BuiltInPolicies(properties.defaultLanguage());
        for (String id : builtIn.ids()) {
            // a built-in that does not compile, or does not fit the configured budget, is a packaging or configuration
            // bug: refuse to start
            try {
                validation.validate(builtIn.find(id).orElseThrow());
            } catch (InvalidPolicyException e) {
                throw new InvalidPolicyException("built-in policy " + id + ": " + e.getMessage(), e.overBudget());
            }
        }
    }

    public Optional<NamedPolicy> find(String id) {
        return declared.find(id).or(() -> store.find(id)).or(() -> builtIn.find(id))
                .map(text -> new NamedPolicy(id, text));
    }

    public NamedPolicy forDevice(String policyId, String deviceClass) {
        return find(policyId + "_" + deviceClass)
                .or(() -> find(policyId))
                .orElseThrow(() -> new ApiException(Problem.UNKNOWN_POLICY, "no attestation policy '" + policyId
                        + "_" + deviceClass + "' or '" + policyId + "' for a " + deviceClass + " device"));
    }

    /** Declared, uploaded and built-in ids, sorted. */
    public List<String> ids() {
        TreeSet<String> ids = new TreeSet<>(store.ids());
        ids.addAll(declared.ids());
        ids.addAll(builtIn.ids());
        return List.copyOf(ids);
    }

    /** Compiles first: a policy that does not compile, or whose estimate exceeds the budget, is never stored. */
    public void save(String id, String text) throws InvalidPolicyException {
        save(id, text, Optional.empty());
    }

    /** As {@link #save(String, String)}, in the language the upload declares (else the text's). */
    public void save(String id, String text, Optional<PolicyType> declared) throws InvalidPolicyException {
        requireNotDeclared(id);
        validation.validate(text, declared);
        store.save(id, text);
    }

    /** Deletes an upload; a built-in policy of the same id applies again afterwards. */
    public boolean delete(String id) {
        requireNotDeclared(id);
        // compiled programs are cached by text, not id: nothing to forget
        return store.delete(id);
    }

    /**
     * The policy directory is authoritative for its ids: an API write there would be undone, or silently shadowed,
     * by the next GitOps sync, so it is refused and the caller told where the policy is managed.
     */
    private void requireNotDeclared(String id) {
        if (declared.declares(id)) {
            throw new ApiException(Problem.POLICY_DECLARED, "policy '" + id + "' is managed by the policy directory"
                    + " (e.g. a Kubernetes ConfigMap); change it there");
        }
    }

    public boolean isBuiltIn(String id) {
        return builtIn.find(id).isPresent();
    }
}
