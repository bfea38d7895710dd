package dev.arca.kbs.policy;

import dev.arca.model.policy.PolicyType;
import dev.arca.rego.RegoEngine;
import java.util.Optional;

/**
 * Which language a resource policy is in: the upload's declared {@code type}, else the text
 * ({@link RegoEngine#isModuleText}). A declared language binds at upload (the text must compile in it), so what is
 * stored is recognised by its text again when evaluated: a Rego module starts with {@code package}, which no CEL text
 * can.
 */
public enum PolicyLanguage {
    REGO, CEL;

    public static PolicyLanguage of(String text) {
        return RegoEngine.isModuleText(text) ? REGO : CEL;
    }

    public static PolicyLanguage of(Optional<PolicyType> declared, String text) {
        return declared.map(type -> type == PolicyType.REGO ? REGO : CEL).orElseGet(() -> of(text));
    }
}
