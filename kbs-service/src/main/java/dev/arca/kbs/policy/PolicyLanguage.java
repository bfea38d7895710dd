package dev.arca.kbs.policy;

import dev.arca.rego.RegoEngine;

/** Which language a resource policy is in: the text decides ({@link RegoEngine#isModuleText}). */
public enum PolicyLanguage {
    REGO, CEL;

    public static PolicyLanguage of(String text) {
        return RegoEngine.isModuleText(text) ? REGO : CEL;
    }
}
