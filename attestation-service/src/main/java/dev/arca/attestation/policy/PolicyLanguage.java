package dev.arca.attestation.policy;

/**
 * The two languages an attestation policy may be written in (docs/policies.md): CEL, one expression giving a map of
 * category to int, and Rego, upstream's contract ({@code package policy}, {@code data.policy.trust_claims}). For
 * uploads the text decides; this names the language of the built-in defaults ({@code arca.as.policy.default-language}).
 */
public enum PolicyLanguage {
    CEL("cel"), REGO("rego");

    private final String extension;

    PolicyLanguage(String extension) {
        this.extension = extension;
    }

    /** The file extension of a policy in this language, as the built-ins are shipped ({@code default_cpu.rego}). */
    public String extension() {
        return extension;
    }
}
