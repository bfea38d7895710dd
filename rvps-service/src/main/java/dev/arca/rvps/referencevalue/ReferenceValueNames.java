package dev.arca.rvps.referencevalue;

import dev.arca.rvps.InvalidRequestException;

/**
 * The rules for reference-value names. Upstream treats a name as an opaque string (Trustee rvps/README.md) and
 * recommends {@code rvps:///<ns>/…[:<tag>]}; Arca accepts any such text but refuses what cannot be shown or typed
 * unambiguously in a policy: control and format characters (bidi overrides, zero-width joiners), unpaired
 * surrogates, unassigned and private-use code points.
 */
public final class ReferenceValueNames {

    /** Also the width of the {@code name} column. */
    public static final int MAX_LENGTH = 256;

    private ReferenceValueNames() {
    }

    public static void requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("reference value name must not be empty");
        }
        requirePrintable("reference value name", name);
    }

    /** A prefix may be empty (it then selects every name) but otherwise follows the name rules. */
    public static void requireValidPrefix(String prefix) {
        requirePrintable("prefix", prefix);
    }

    private static void requirePrintable(String what, String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidRequestException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!printable(codePoint)) {
                throw new InvalidRequestException(String.format(
                        "%s contains the non-printable character U+%04X at index %d", what, codePoint, i));
            }
            i += Character.charCount(codePoint);
        }
    }

    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                 Character.PRIVATE_USE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
