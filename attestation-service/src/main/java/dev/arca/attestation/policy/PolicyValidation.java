package dev.arca.attestation.policy;

import dev.arca.model.policy.PolicyType;
import dev.arca.rego.RegoEngine;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one check of an attestation policy text before it is used, whether uploaded or declared in the policy
 * directory: Rego or CEL, as the upload's {@code type} or else the text decides (a Rego module starts with its package clause, comments aside), compiled
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
        validate(text, Optional.empty());
    }

    /**
     * Checks the text in the language the upload's envelope declares ({@code type}), or, when it declares none, the
     * language the text is in. A declared language binds: a Rego upload that is not a Rego module is refused with
     * Rego's error, a CEL upload that is a Rego module with CEL's. What is stored is then always recognised by its
     * text again when evaluated (a Rego module starts with {@code package}, a reserved word no CEL text starts with).
     *
     * @throws InvalidPolicyException with a message for the admin when the text cannot be used
     */
    public void validate(String text, Optional<PolicyType> declared) throws InvalidPolicyException {
        boolean isRego = declared.map(type -> type == PolicyType.REGO).orElseGet(() -> RegoEngine.isModuleText(text));
        if (isRego) {
            rego.compile(text);
        } else {
            cel.compile(text);
        }
    }
}
