package dev.arca.model.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The resource policies Arca ships, each in Rego (upstream's contract: {@code package policy}, {@code
 * data.policy.allow}) and in CEL, deciding alike (docs/policies.md "Resource policies"): the KBS's default and the
 * three kbs-client offers as switches ({@code --allow-all}, {@code --deny-all}, {@code --affirming}). Shared by the KBS
 * (its default) and {@code ./arca admin set-resource-policy} (its switches). Written from the documented behaviour of
 * upstream's (Trustee KBS sample policies), not copied from them.
 */
public enum BuiltInResourcePolicy {
    /** Resources only, to an affirming cpu0 that is not the sample TEE (upstream's default plus the affirming test). */
    DEFAULT,
    /** Any resource to any attested guest; other plugins are not released. */
    ALLOW_ALL,
    /** Nothing. */
    DENY_ALL,
    /** At least one device in the token, and every one affirming. */
    AFFIRMING;

    /** The policy in Rego. */
    public String rego() {
        return read("rego");
    }

    /** The policy in CEL. */
    public String cel() {
        return read("cel");
    }

    /** The policy in the given language, {@code rego} or {@code cel}. */
    public String text(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "rego" -> rego();
            case "cel" -> cel();
            default -> throw new IllegalArgumentException("a policy language is rego or cel, not " + language);
        };
    }

    private String read(String extension) {
        String resource = name().toLowerCase(Locale.ROOT) + "." + extension;
        try (InputStream in = BuiltInResourcePolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in resource policy " + resource + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
