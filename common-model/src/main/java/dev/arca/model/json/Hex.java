package dev.arca.model.json;

import java.util.HexFormat;

/** Lowercase hex, as the verifiers' claims use. */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    public static byte[] parse(String hex) {
        return LOWER.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    }
}
