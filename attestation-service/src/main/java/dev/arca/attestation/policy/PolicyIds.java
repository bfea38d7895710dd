package dev.arca.attestation.policy;

import dev.arca.attestation.web.ApiException;
import java.util.regex.Pattern;

/**
 * Policy ids are storage keys and URL path segments. Upstream's persistent stores accept {@code [A-Za-z0-9._/-]}
 * (Trustee attestation-service policy.md); Arca leaves out {@code /} so every id is one path segment of {@code GET
 * /policy/{id}}.
 */
public final class PolicyIds {

    public static final String DEFAULT = "default";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private PolicyIds() {
    }

    public static String requireValid(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw ApiException.badRequest("policy id must be 1-128 characters of A-Z a-z 0-9 . _ - "
                    + "starting with a letter or digit, got '" + abbreviate(id) + "'");
        }
        return id;
    }

    private static String abbreviate(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() > 64 ? id.substring(0, 64) + "…" : id;
    }
}
