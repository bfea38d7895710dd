package dev.arca.admin.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reference value names in RVPS URLs: a name may contain '/' (in-toto and CoRIM names do), which the RVPS takes as
 * part of the name; every other reserved character is percent-encoded.
 */
final class ReferenceValueNames {

    private ReferenceValueNames() {
    }

    static String path(String name) throws AdminCommand.CommandFailure {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new AdminCommand.CommandFailure("invalid reference value name '" + name + "'");
        }
        return "/reference-values/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%2F", "/");
    }
}
