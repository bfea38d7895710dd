package dev.arca.rego.builtin;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTParser;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

/** JSON, base64, hex, digests, units, JWT decoding and UUIDs. */
final class EncodingBuiltins {
    private static final java.util.regex.Pattern UNITS =
            java.util.regex.Pattern.compile("^([+-]?[0-9]*\\.?[0-9]*(?:[eE][+-]?[0-9]+)?)\\s*([a-zA-Z]*)$");
    private static final Map<String, BigDecimal> DECIMAL_UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private EncodingBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add1("json.marshal", a -> new StringValue(Json.write(a.get(0))));
        r.add1("json.unmarshal", a -> {
            try {
                return Json.parse(Args.string(a, 0));
            } catch (IllegalArgumentException e) {
                throw BuiltinException.failed(e.getMessage());
            }
        });
        r.add1("json.is_valid", a -> {
            if (!(a.get(0) instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                Json.parse(s.value());
                return BoolValue.TRUE;
            } catch (IllegalArgumentException e) {
                return BoolValue.FALSE;
            }
        });
        r.add1("base64.encode", a -> new StringValue(Base64.getEncoder().encodeToString(utf8(a))));
        r.add1("base64.decode", a -> new StringValue(decode(Base64.getDecoder(), Args.string(a, 0))));
        r.add1("base64.is_valid", a -> {
            try {
                Base64.getDecoder().decode(Args.string(a, 0));
                return BoolValue.TRUE;
            } catch (IllegalArgumentException e) {
                return BoolValue.FALSE;
            }
        });
        r.add1("base64url.encode", a -> new StringValue(Base64.getUrlEncoder().encodeToString(utf8(a))));
        r.add1("base64url.encode_no_pad",
                a -> new StringValue(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(a))));
        r.add1("base64url.decode", a -> new StringValue(decode(Base64.getUrlDecoder(), Args.string(a, 0))));
        r.add1("hex.encode", a -> new StringValue(HexFormat.of().formatHex(utf8(a))));
        r.add1("hex.decode", a -> {
            try {
                return new StringValue(new String(HexFormat.of().parseHex(Args.string(a, 0)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw BuiltinException.failed("invalid hex string");
            }
        });
        r.add1("crypto.md5", a -> digest("MD5", a));
        r.add1("crypto.sha1", a -> digest("SHA-1", a));
        r.add1("crypto.sha256", a -> digest("SHA-256", a));
        r.add1("crypto.sha512", a -> digest("SHA-512", a));
        r.add1("units.parse", a -> new NumberValue(units(Args.string(a, 0), false)));
        r.add1("units.parse_bytes", a -> new NumberValue(units(Args.string(a, 0), true)
                .setScale(0, java.math.RoundingMode.DOWN)));
        r.add1("io.jwt.decode", EncodingBuiltins::jwtDecode);
        r.add("uuid.rfc4122", 1, (a, cx) -> {
            Value key = new StringValue(Args.string(a, 0));
            // the same key gives the same UUID within one query, as OPA documents
            return cx.queryCache().computeIfAbsent(new ArrayValue(List.of(new StringValue("uuid"), key)),
                    k -> new StringValue(UUID.randomUUID().toString()));
        });
    }

    private static byte[] utf8(List<Value> a) {
        return Args.string(a, 0).getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(Base64.Decoder decoder, String s) {
        try {
            String padded = s;
            if (s.length() % 4 != 0 && !s.contains("=")) {
                padded = s + "=".repeat(4 - s.length() % 4);
            }
            return new String(decoder.decode(padded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.failed("illegal base64 data");
        }
    }

    private static Value digest(String algorithm, List<Value> a) {
        try {
            return new StringValue(HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(utf8(a))));
        } catch (NoSuchAlgorithmException e) {
            throw BuiltinException.failed(algorithm + " unavailable");
        }
    }

    /**
     * {@code units.parse}: an optional SI (k, M, G, T, P, E; lowercase m is milli) or IEC (Ki, Mi, …) suffix, letters
     * otherwise case-insensitive; {@code units.parse_bytes}: the same with an optional trailing B, fully
     * case-insensitive (m is mega), truncated to an integer by the caller.
     */
    private static BigDecimal units(String text, boolean bytes) {
        String s = text.replace("\"", "").strip();
        Matcher m = UNITS.matcher(s);
        if (s.isEmpty() || !m.matches() || !m.group(1).matches(".*[0-9].*")) {
            throw BuiltinException.failed("could not parse amount to a number");
        }
        String unit = m.group(2);
        if (bytes) {
            unit = unit.toLowerCase(Locale.ROOT);
            if (unit.endsWith("b")) {
                unit = unit.substring(0, unit.length() - 1);
            }
        } else if (unit.equals("m")) {
            return new BigDecimal(m.group(1)).multiply(DECIMAL_UNITS.get("m"));
        }
        String u = unit.toLowerCase(Locale.ROOT);
        String key = u.isEmpty() ? ""
                : u.length() == 2 && u.charAt(1) == 'i' ? u.substring(0, 1).toUpperCase(Locale.ROOT) + "i"
                : u.length() == 1 ? (u.equals("k") ? "k" : u.toUpperCase(Locale.ROOT)) : null;
        BigDecimal factor = key == null || key.equals("m") ? null : DECIMAL_UNITS.get(key);
        if (factor == null) {
            throw BuiltinException.failed("unknown unit " + unit);
        }
        return new BigDecimal(m.group(1)).multiply(factor);
    }

    private static Value jwtDecode(List<Value> a) {
        String token = Args.string(a, 0);
        try {
            var jwt = JWTParser.parse(token);
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                throw BuiltinException.failed("encoded JWT must have 3 sections, found " + parts.length);
            }
            Value header = Json.parse(new Base64URL(parts[0]).decodeToString());
            Value payload = Json.parse(new Base64URL(parts[1]).decodeToString());
            jwt.getHeader();
            String signature = HexFormat.of().formatHex(new Base64URL(parts[2]).decode());
            return new ArrayValue(List.of(header, payload, new StringValue(signature)));
        } catch (ParseException | IllegalArgumentException e) {
            throw BuiltinException.failed("failed to decode JWT");
        }
    }
}
