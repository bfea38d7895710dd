package dev.arca.rego.builtin;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operand types of built-ins, as OPA's built-in reference declares them, for the compile-time check of constant
 * arguments ({@code rego_type_error}). Only built-ins whose declared types are certain are listed; a built-in not
 * listed, or an operand declared {@code any}, is not checked at compile time (its run-time check still applies).
 */
public final class Signatures {
    private static final Map<String, List<Set<String>>> TYPES = new HashMap<>();

    static {
        String num = "number";
        String str = "string";
        String coll = "array|set";
        for (String f : List.of("abs", "ceil", "floor", "round", "bits.negate")) {
            declare(f, num);
        }
        for (String f : List.of("plus", "mul", "div", "rem", "bits.and", "bits.or", "bits.xor", "bits.lsh", "bits.rsh",
                "numbers.range", "format_int")) {
            declare(f, num, num);
        }
        declare("minus", "number|set", "number|set");
        declare("numbers.range_step", num, num, num);
        declare("and", "set", "set");
        declare("or", "set", "set");
        declare("count", "array|object|set|string");
        for (String f : List.of("sum", "product", "max", "min", "sort", "intersection", "union")) {
            declare(f, f.equals("intersection") || f.equals("union") ? "set" : coll);
        }
        declare("array.concat", "array", "array");
        declare("array.slice", "array", num, num);
        declare("array.reverse", "array");
        declare("object.get", "object", "any", "any");
        declare("object.keys", "object");
        declare("object.union", "object", "object");
        declare("object.union_n", "array");
        declare("object.remove", "object", "array|object|set");
        declare("object.filter", "object", "array|object|set");
        declare("concat", str, coll);
        for (String f : List.of("contains", "startswith", "endswith", "indexof", "indexof_n", "split", "trim",
                "trim_left", "trim_right", "trim_prefix", "trim_suffix", "strings.count", "regex.match", "re_match",
                "regex.split", "semver.compare", "time.parse_ns", "net.cidr_contains", "net.cidr_intersects",
                "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256", "crypto.hmac.sha512", "crypto.hmac.equal",
                "rand.intn")) {
            declare(f, str, f.equals("rand.intn") ? num : str);
        }
        for (String f : List.of("lower", "upper", "trim_space", "strings.reverse", "glob.quote_meta",
                "time.parse_rfc3339_ns", "time.parse_duration_ns", "json.unmarshal", "yaml.unmarshal",
                "base64.encode", "base64.decode", "base64url.encode", "base64url.encode_no_pad", "base64url.decode",
                "hex.encode", "hex.decode", "crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.sha512",
                "units.parse", "units.parse_bytes", "uuid.rfc4122", "io.jwt.decode", "urlquery.encode",
                "urlquery.decode", "urlquery.decode_object", "net.cidr_expand", "trace",
                "crypto.x509.parse_certificates", "crypto.x509.parse_and_verify_certificates",
                "crypto.x509.parse_certificate_request", "crypto.x509.parse_rsa_private_key")) {
            declare(f, str);
        }
        declare("replace", str, str, str);
        declare("substring", str, num, num);
        declare("sprintf", str, "array");
        declare("strings.replace_n", "object", str);
        declare("strings.any_prefix_match", "string|array|set", "string|array|set");
        declare("strings.any_suffix_match", "string|array|set", "string|array|set");
        declare("regex.find_n", str, str, num);
        declare("regex.find_all_string_submatch_n", str, str, num);
        declare("regex.replace", str, str, str);
        declare("glob.match", str, "array|null", str);
        for (String f : List.of("time.date", "time.clock", "time.weekday", "time.format")) {
            declare(f, "number|array");
        }
        declare("time.add_date", num, num, num, num);
        declare("time.diff", "number|array", "number|array");
        declare("net.cidr_merge", coll);
        declare("json.filter", "object", coll);
        declare("json.remove", "object", coll);
        declare("json.patch", "any", "array");
        declare("graph.reachable", "object", coll);
        declare("graph.reachable_paths", "object", coll);
        declare("urlquery.encode_object", "object");
        declare("io.jwt.decode_verify", str, "object");
        declare("io.jwt.encode_sign", "object", "object", "object");
        declare("io.jwt.encode_sign_raw", str, str, str);
        for (String bits : List.of("256", "384", "512")) {
            for (String family : List.of("rs", "ps", "es", "hs")) {
                declare("io.jwt.verify_" + family + bits, str, str);
            }
        }
        declare("http.send", "object");
        declare("io.jwt.verify_eddsa", str, str);
        declare("crypto.parse_private_keys", str);
        declare("strings.render_template", str, "object");
        declare("crypto.x509.parse_keypair", str, str);
        declare("crypto.x509.parse_and_verify_certificates_with_options", str, "object");
        declare("uuid.parse", str);
        declare("json.marshal_with_options", "any", "object|null");
        declare("net.cidr_contains_matches", "string|array|set|object", "string|array|set|object");
        declare("regex.template_match", str, str, str, str);
        declare("regex.globs_match", str, str);
        declare("json.verify_schema", "string|object|boolean");
        declare("json.match_schema", "any", "string|object|boolean");
    }

    private Signatures() {
    }

    private static void declare(String name, String... operands) {
        TYPES.put(name, Arrays.stream(operands).map(o -> Set.of(o.split("\\|"))).toList());
    }

    /** The accepted type names of each operand ({@code any}: unchecked), or null when the built-in is not listed. */
    public static List<Set<String>> of(String name) {
        return TYPES.get(name);
    }
}
