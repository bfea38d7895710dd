package dev.arca.rego.builtin;

import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code uuid.parse}: the fields of a UUID (RFC 4122/9562) as OPA documents them. Every UUID gives {@code version} and
 * {@code variant}; time-based ones (versions 1 and 2) also {@code time} (Unix nanoseconds), {@code clocksequence},
 * {@code nodeid} (dash-separated hex) and {@code macvariables} ({@code local|global}:{@code unicast|multicast}, from
 * the node's first byte); DCE security ones (version 2) also {@code id} and {@code domain}. Accepted spellings: the
 * canonical 36 characters, in braces, as {@code urn:uuid:…}, or 32 hex digits. Anything else is undefined.
 */
final class UuidParse {
    /** 100-ns intervals between the Gregorian reform (1582-10-15), the epoch of UUID time, and 1970-01-01. */
    private static final long GREGORIAN_TO_UNIX = 0x01B21DD213814000L;

    private UuidParse() {
    }

    static void register(Builtins.Registry r) {
        r.add1("uuid.parse", a -> parse(Args.string(a, 0)));
    }

    static Value parse(String text) {
        byte[] b = bytes(text);
        if (b == null) {
            return null;
        }
        var out = new TreeMap<Value, Value>();
        int version = (b[6] & 0xff) >>> 4;
        put(out, "version", NumberValue.of(version));
        put(out, "variant", new StringValue(variant(b[8] & 0xff)));
        if (version == 1 || version == 2) {
            long low = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            long mid = ((b[4] & 0xffL) << 8) | (b[5] & 0xffL);
            long high = ((b[6] & 0x0fL) << 8) | (b[7] & 0xffL);
            long ticks = (high << 48) | (mid << 32) | low;
            BigInteger nanos = BigInteger.valueOf(ticks - GREGORIAN_TO_UNIX).multiply(BigInteger.valueOf(100));
            put(out, "time", new NumberValue(new BigDecimal(nanos)));
            put(out, "clocksequence", NumberValue.of(((b[8] & 0x3f) << 8) | (b[9] & 0xff)));
            var node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                node.append(i > 10 ? "-" : "").append(HexFormat.of().toHexDigits(b[i]));
            }
            put(out, "nodeid", new StringValue(node.toString()));
            // IEEE 802 MAC address bits of the first octet: 0x02 locally administered, 0x01 multicast
            put(out, "macvariables", new StringValue(((b[10] & 0x02) != 0 ? "local" : "global") + ":"
                    + ((b[10] & 0x01) != 0 ? "multicast" : "unicast")));
            if (version == 2) {
                put(out, "id", NumberValue.of(low));
                put(out, "domain", new StringValue(switch (b[9] & 0xff) {
                    case 0 -> "Person";
                    case 1 -> "Group";
                    case 2 -> "Org";
                    default -> "Domain" + (b[9] & 0xff);
                }));
            }
        }
        return new ObjectValue(out);
    }

    private static String variant(int octet) {
        if ((octet & 0x80) == 0) {
            return "Reserved";
        }
        if ((octet & 0xc0) == 0x80) {
            return "RFC4122";
        }
        return (octet & 0xe0) == 0xc0 ? "Microsoft" : "Future";
    }

    private static void put(TreeMap<Value, Value> out, String key, Value value) {
        out.put(new StringValue(key), value);
    }

    /** The 16 bytes of a UUID in one of the accepted spellings, or null. */
    private static byte[] bytes(String text) {
        String s = text;
        if (s.length() == 45 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return null;
            }
            hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }
}
