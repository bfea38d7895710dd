package dev.arca.attestation.collateral;

import java.util.regex.Pattern;

/** Key texts are database keys and file names: one path segment of safe characters, never {@code ..}. */
final class CollateralKeys {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,199}");

    private CollateralKeys() {
    }

    static String requireValid(String keyText) {
        if (keyText == null || !VALID.matcher(keyText).matches()) {
            throw new IllegalArgumentException("collateral key '" + keyText
                    + "' must be 1-200 characters of A-Z a-z 0-9 . _ = - starting with a letter or digit");
        }
        return keyText;
    }

    static String requireValidKind(String kind) {
        if (kind == null || !VALID.matcher(kind).matches() || kind.length() > 64) {
            throw new IllegalArgumentException("collateral kind '" + kind
                    + "' must be 1-64 characters of A-Z a-z 0-9 . _ = - starting with a letter or digit");
        }
        return kind;
    }
}
