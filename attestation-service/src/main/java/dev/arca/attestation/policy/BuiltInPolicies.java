package dev.arca.attestation.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The default policies shipped with the AS, as upstream installs them (Trustee attestation-service default policies:
 * {@code default_cpu}, {@code default_gpu}, {@code default_switch}, {@code default_ppcie}; docs/policies.md). They
 * live in the jar, not the database, so an upgrade ships improved defaults; an uploaded policy with the same id
 * overrides them, and deleting the upload brings the built-in back. Each ships in CEL and in Rego (both decide alike,
 * {@code DefaultPolicyAgreementTest}); {@code arca.as.policy.default-language} picks which one is in force.
 */
final class BuiltInPolicies {

    static final List<String> IDS = List.of("default_cpu", "default_gpu", "default_switch", "default_ppcie");

    private final Map<String, String> texts = new TreeMap<>();

    BuiltInPolicies(PolicyLanguage language) {
        for (String id : IDS) {
            texts.put(id, read("/policies/" + id + "." + language.extension()));
        }
    }

    Optional<String> find(String id) {
        return Optional.ofNullable(texts.get(id));
    }

    List<String> ids() {
        return List.copyOf(texts.keySet());
    }

    private static String read(String resource) {
        try (InputStream in = BuiltInPolicies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy " + resource + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
