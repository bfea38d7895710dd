package dev.arca.model.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code type} member of a policy upload's envelope: the language the uploader declares. Upstream's AS and KBS
 * envelopes carry {@code "type": "rego"} (kbs-client sends it; older upstream documents say {@code "opa"}); Arca also
 * knows {@code "cel"}. Absent, the policy text decides (a Rego module starts with its {@code package} clause).
 */
public enum PolicyType {
    REGO, CEL;

    /**
     * The declared type, in any letter case; empty when the member is absent or blank.
     *
     * @throws IllegalArgumentException for any other value (callers answer 400)
     */
    public static Optional<PolicyType> parse(String type) {
        if (type == null || type.isBlank()) {
            return Optional.empty();
        }
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "rego", "opa" -> Optional.of(REGO);
            case "cel" -> Optional.of(CEL);
            default -> throw new IllegalArgumentException("unknown policy type '" + abbreviate(type)
                    + "': expected rego or cel");
        };
    }

    /** The member's value an uploader sends: {@code rego} (what kbs-client sends) or {@code cel}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The member is the uploader's text: echo only a short, printable prefix of it in an error. */
    private static String abbreviate(String type) {
        String printable = type.codePoints().limit(32)
                .map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return type.codePointCount(0, type.length()) > 32 ? printable + "…" : printable;
    }
}
