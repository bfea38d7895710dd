package dev.arca.rego.builtin;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTParser;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** JSON, base64, hex, digests, units (read by {@link UnitAmount}), JWT decoding and UUIDs. */
final class EncodingBuiltins {
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
        r.add1("units.parse", a -> new NumberValue(UnitAmount.parse(Args.string(a, 0))));
        r.add1("units.parse_bytes", a -> new NumberValue(UnitAmount.parseBytes(Args.string(a, 0))));
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
     * {@code io.jwt.decode}: header, payload and hex signature. A token whose header says {@code cty: JWT} carries
     * another token as its payload (RFC 7519 §5.2, nested JWT): it is decoded in turn and the innermost one is given.
     */
    private static Value jwtDecode(List<Value> a) {
        String token = Args.string(a, 0);
        for (int depth = 0; depth < JwtBuiltins.MAX_NESTED_TOKENS; depth++) {
            try {
                JWTParser.parse(token);
                String[] parts = token.split("\\.");
                if (parts.length != 3) {
                    throw BuiltinException.failed("encoded JWT must have 3 sections, found " + parts.length);
                }
                Value header = Json.parse(new Base64URL(parts[0]).decodeToString());
                String payloadText = new Base64URL(parts[1]).decodeToString();
                if (header instanceof ObjectValue h && h.get("cty") instanceof StringValue cty
                        && cty.value().equalsIgnoreCase("JWT")) {
                    token = JwtBuiltins.nestedToken(payloadText);
                    continue;
                }
                String signature = HexFormat.of().formatHex(new Base64URL(parts[2]).decode());
                return new ArrayValue(List.of(header, Json.parse(payloadText), new StringValue(signature)));
            } catch (ParseException | IllegalArgumentException e) {
                throw BuiltinException.failed("failed to decode JWT");
            }
        }
        throw BuiltinException.failed("nested JWT deeper than " + JwtBuiltins.MAX_NESTED_TOKENS + " tokens");
    }
}
