package dev.arca.rego.builtin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result types of built-ins, as OPA's built-in reference declares them, for the compile-time inference of local
 * variables and rule values ({@code n := count(xs)} is a number). Only results of one certain type are listed; a
 * built-in not listed gives {@code any}, and nothing is reported about values that depend on it.
 */
public final class ResultTypes {
    private static final Map<String, String> TYPES = new HashMap<>();

    static {
        for (String f : List.of("count", "sum", "product", "abs", "ceil", "floor", "round", "plus", "mul", "div", "rem",
                "to_number", "time.now_ns", "time.parse_rfc3339_ns", "time.parse_ns", "time.parse_duration_ns",
                "time.add_date", "units.parse", "units.parse_bytes", "indexof", "strings.count", "bits.and", "bits.or",
                "bits.xor", "bits.negate", "bits.lsh", "bits.rsh", "rand.intn")) {
            TYPES.put(f, "number");
        }
        for (String f : List.of("upper", "lower", "concat", "sprintf", "format_int", "replace", "trim", "trim_left",
                "trim_right", "trim_prefix", "trim_suffix", "trim_space", "substring", "strings.reverse",
                "strings.replace_n", "base64.encode", "base64.decode", "base64url.encode", "base64url.encode_no_pad",
                "base64url.decode", "hex.encode", "hex.decode", "crypto.md5", "crypto.sha1", "crypto.sha256",
                "crypto.sha512", "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256", "crypto.hmac.sha512",
                "json.marshal", "yaml.marshal", "type_name", "urlquery.encode", "urlquery.decode",
                "urlquery.encode_object", "uuid.rfc4122", "glob.quote_meta", "regex.replace", "time.format",
                "time.weekday")) {
            TYPES.put(f, "string");
        }
        for (String f : List.of("startswith", "endswith", "contains", "regex.match", "re_match", "regex.is_valid",
                "is_number", "is_string", "is_boolean", "is_array", "is_set", "is_object", "is_null", "glob.match",
                "net.cidr_contains", "net.cidr_intersects", "net.cidr_is_valid", "semver.is_valid", "json.is_valid",
                "yaml.is_valid", "base64.is_valid", "strings.any_prefix_match", "strings.any_suffix_match",
                "crypto.hmac.equal", "equal", "neq", "lt", "lte", "gt", "gte")) {
            TYPES.put(f, "boolean");
        }
        for (String f : List.of("split", "strings.split_n", "regex.split", "regex.find_n", "array.concat",
                "array.slice", "array.reverse", "sort", "time.date", "time.clock", "time.diff", "io.jwt.decode",
                "indexof_n", "numbers.range", "numbers.range_step")) {
            TYPES.put(f, "array");
        }
        for (String f : List.of("intersection", "union", "and", "or", "object.keys", "graph.reachable")) {
            TYPES.put(f, "set");
        }
        for (String f : List.of("object.union", "object.union_n", "object.remove", "object.filter", "json.filter",
                "json.remove", "urlquery.decode_object")) {
            TYPES.put(f, "object");
        }
    }

    private ResultTypes() {
    }

    /** The type name of the built-in's result, or null when it is not one certain type. */
    public static String of(String name) {
        return TYPES.get(name);
    }
}
