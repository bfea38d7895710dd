package dev.arca.attestation.policy;

import dev.arca.rego.RegoEngine;
import org.springframework.stereotype.Component;

/**
 * The one check of an attestation policy text before it is used, whether uploaded or declared in the policy
 * directory: Rego or CEL, as the text decides (a Rego module starts with its package clause, comments aside), compiled
 * and, for CEL, its cost estimated against the budget.
 */
@Component
public class PolicyValidation {

    private final CelPolicyCompiler cel;
    private final RegoPolicyCompiler rego;

    public PolicyValidation(CelPolicyCompiler cel, RegoPolicyCompiler rego) {
        this.cel = cel;
        this.rego = rego;
    }

    /** @throws InvalidPolicyException with a message for the admin when the text cannot be used */
    public void validate(String text) throws InvalidPolicyException {
        if (RegoEngine.isModuleText(text)) {
            rego.compile(text);
        } else {
            cel.compile(text);
        }
    }
}
