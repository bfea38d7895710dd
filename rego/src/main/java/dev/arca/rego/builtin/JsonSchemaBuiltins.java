package dev.arca.rego.builtin;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.SpecificationVersion;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.ArrayList;
import tools.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code json.verify_schema(schema)} and {@code json.match_schema(document, schema)}: JSON Schema drafts 4, 6 and 7,
 * as OPA documents them, through com.networknt:json-schema-validator. A schema (and a document) is a JSON string or a
 * value; its {@code $schema} picks the draft (draft 7 when absent; later drafts are refused, as OPA's validator does
 * not know them). Schemas are checked against their draft's meta-schema. Nothing is fetched: a {@code $ref} to
 * anything but the schema itself or a draft meta-schema fails. Results: {@code [true, null]} / {@code [false,
 * "why"]} for {@code verify_schema}; {@code [true, []]} / {@code [false, [{"error", "type", "field", "desc"}…]]} for
 * {@code match_schema}, with OPA's field names ({@code field} "(root)" or a dotted path, {@code type} the error kind as
 * OPA names it, e.g. {@code required}, {@code invalid_type}, {@code number_gte}; {@code desc} the validator's message;
 * {@code error} = field + ": " + desc).
 */
final class JsonSchemaBuiltins {
    private static final Map<SpecificationVersion, String> META_SCHEMAS = Map.of(
            SpecificationVersion.DRAFT_4, "http://json-schema.org/draft-04/schema#",
            SpecificationVersion.DRAFT_6, "http://json-schema.org/draft-06/schema#",
            SpecificationVersion.DRAFT_7, "http://json-schema.org/draft-07/schema#");

    /**
     * The validator's registries, made on first use (holder idiom): the validator logs through SLF4J, and an embedder
     * whose policies never validate JSON should not meet it, not even its "no provider" warning.
     */
    private static final class Registries {
        static final Map<SpecificationVersion, SchemaRegistry> BY_DRAFT = new java.util.EnumMap<>(SpecificationVersion.class);

        static {
            for (SpecificationVersion v : META_SCHEMAS.keySet()) {
                BY_DRAFT.put(v, SchemaRegistry.withDefaultDialect(v,
                        b -> b.schemaLoader(l -> l.fetchRemoteResources(false)).schemaCacheEnabled(false)
                                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                        .regularExpressionFactory(JsonSchemaBuiltins::re2).build())));
            }
        }
    }

    private JsonSchemaBuiltins() {
    }

    /**
     * {@code pattern} and {@code patternProperties} with RE2 semantics, as OPA's validator (Go's regexp) has them and
     * as the other regex built-ins do: linear time, so a schema's pattern cannot be made to backtrack by a document.
     */
    private static RegularExpression re2(String pattern) {
        com.google.re2j.Pattern compiled = RegexBuiltins.compile(pattern);
        return value -> compiled.matcher(value).find();
    }

    static void register(Builtins.Registry r) {
        r.add1("json.verify_schema", a -> {
            try {
                compile(a.get(0), 1);
                return new ArrayValue(List.of(BoolValue.TRUE, NullValue.NULL));
            } catch (BuiltinException e) {
                if (e.code().equals("eval_type_error")) {
                    throw e;
                }
                return new ArrayValue(List.of(BoolValue.FALSE, new StringValue(e.getMessage())));
            }
        });
        r.add2("json.match_schema", a -> {
            String document = jsonText(a.get(0), 1);
            Schema schema = compile(a.get(1), 2);
            List<Error> errors;
            try {
                errors = schema.validate(document, InputFormat.JSON);
            } catch (SchemaException | IllegalArgumentException e) {
                throw BuiltinException.failed("operand 2: schema cannot be applied: " + message(e));
            }
            var out = new ArrayList<Value>();
            for (Error e : errors) {
                out.add(error(e));
            }
            return new ArrayValue(List.of(BoolValue.of(out.isEmpty()), new ArrayValue(out)));
        });
    }

    /** A schema, checked against the meta-schema of its draft; bad ones are {@code eval_builtin_error}s. */
    private static Schema compile(Value operand, int position) {
        String text = jsonText(operand, position);
        Value parsed = Json.parse(text);
        SpecificationVersion version = SpecificationVersion.DRAFT_7;
        if (parsed instanceof ObjectValue o && o.get("$schema") != null) {
            String id = o.get("$schema") instanceof StringValue s ? s.value() : "";
            version = SpecificationVersion.fromDialectId(id).filter(META_SCHEMAS::containsKey)
                    .orElseThrow(() -> BuiltinException.failed("operand " + position
                            + ": unsupported $schema (drafts 4, 6 and 7 are): " + id));
        } else if (!(parsed instanceof ObjectValue) && !(parsed instanceof BoolValue)) {
            throw BuiltinException.failed("operand " + position + ": schema must be a JSON object");
        }
        SchemaRegistry registry = Registries.BY_DRAFT.get(version);
        try {
            List<Error> invalid = registry.getSchema(SchemaLocation.of(META_SCHEMAS.get(version)))
                    .validate(text, InputFormat.JSON).stream().filter(e -> !emptyEnum(e)).toList();
            if (!invalid.isEmpty()) {
                throw BuiltinException.failed(schemaError(invalid, position));
            }
            Schema schema = registry.getSchema(text, InputFormat.JSON);
            schema.initializeValidators();
            return schema;
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw BuiltinException.failed("operand " + position + ": invalid schema: " + message(e));
        }
    }

    /** The meta-schemas want an enum of at least one value; OPA accepts an empty one, which matches nothing. */
    private static boolean emptyEnum(Error e) {
        var at = e.getInstanceLocation();
        return "minItems".equals(e.getKeyword()) && at != null && at.getNameCount() > 0
                && "enum".equals(String.valueOf(at.getElement(at.getNameCount() - 1)));
    }

    /** Why a schema is not one: gojsonschema's words for an unknown type name (OPA's message), else the validator's. */
    private static String schemaError(List<Error> invalid, int position) {
        for (Error e : invalid) {
            JsonNode bad = e.getInstanceNode();
            if (e.getInstanceLocation() != null && e.getInstanceLocation().getNameCount() > 0
                    && "type".equals(String.valueOf(e.getInstanceLocation().getElement(e.getInstanceLocation().getNameCount() - 1)))
                    && bad != null && bad.isString()) {
                return "has a primitive type that is NOT VALID -- given: /" + bad.asString()
                        + "/ Expected valid values are:[array boolean integer number null object string]";
            }
        }
        return "operand " + position + ": invalid schema: " + validatorMessage(invalid.getFirst());
    }

    private static String jsonText(Value operand, int position) {
        if (operand instanceof StringValue s) {
            try {
                Json.parse(s.value());
            } catch (IllegalArgumentException e) {
                throw BuiltinException.failed("operand " + position + ": " + e.getMessage());
            }
            return s.value();
        }
        return Json.write(operand);
    }

    private static Value error(Error e) {
        String field = field(e);
        String desc = describe(e);
        var out = new TreeMap<Value, Value>();
        out.put(new StringValue("error"), new StringValue(field + ": " + desc));
        out.put(new StringValue("type"), new StringValue(type(e)));
        out.put(new StringValue("field"), new StringValue(field));
        out.put(new StringValue("desc"), new StringValue(desc));
        return new ObjectValue(out);
    }

    /** OPA's field: "(root)" or the instance path with dots ({@code a.b.0}). */
    private static String field(Error e) {
        var path = e.getInstanceLocation();
        if (path == null || path.getNameCount() == 0) {
            return "(root)";
        }
        var parts = new ArrayList<String>();
        for (int i = 0; i < path.getNameCount(); i++) {
            parts.add(String.valueOf(path.getElement(i)));
        }
        return String.join(".", parts);
    }

    /**
     * OPA's description (gojsonschema's wording) for the common checks — {@code Invalid type. Expected: integer, given:
     * string}, {@code name is required}, … —, else the validator's message without its instance location.
     */
    private static String describe(Error e) {
        JsonNode schema = e.getSchemaNode();
        JsonNode instance = e.getInstanceNode();
        String described = switch (String.valueOf(e.getKeyword())) {
            case "type" -> schema == null ? null : "Invalid type. Expected: " + expectedTypes(schema) + ", given: "
                    + typeOf(instance);
            case "required" -> e.getProperty() == null ? null : e.getProperty() + " is required";
            case "enum" -> schema == null ? null : field(e) + " must be one of the following: "
                    + String.join(", ", schema.valueStream().map(JsonNode::toString).toList());
            case "const" -> schema == null ? null : field(e) + " does not match: " + schema;
            case "minimum" -> schema == null ? null : "Must be greater than or equal to " + schema;
            case "maximum" -> schema == null ? null : "Must be less than or equal to " + schema;
            case "exclusiveMinimum" -> schema == null || !schema.isNumber() ? null : "Must be greater than " + schema;
            case "exclusiveMaximum" -> schema == null || !schema.isNumber() ? null : "Must be less than " + schema;
            case "minLength" -> schema == null ? null : "String length must be greater than or equal to " + schema;
            case "maxLength" -> schema == null ? null : "String length must be less than or equal to " + schema;
            case "minItems" -> schema == null ? null : "Array must have at least " + schema + " items";
            case "maxItems" -> schema == null ? null : "Array must have at most " + schema + " items";
            case "pattern" -> schema == null ? null : "Does not match pattern '" + schema.asString() + "'";
            case "format" -> schema == null ? null : "Does not match format '" + schema.asString() + "'";
            case "multipleOf" -> schema == null ? null : "Must be a multiple of " + schema;
            case "additionalProperties" -> e.getProperty() == null ? null
                    : "Additional property " + e.getProperty() + " is not allowed";
            case "oneOf" -> "Must validate one and only one schema (oneOf)";
            case "anyOf" -> "Must validate at least one schema (anyOf)";
            case "allOf" -> "Must validate all the schemas (allOf)";
            case "not" -> "Must not validate the schema (not)";
            default -> null;
        };
        return described != null ? described : validatorMessage(e);
    }

    private static String expectedTypes(JsonNode schema) {
        return schema.isArray() ? String.join(", ", schema.valueStream().map(JsonNode::asString).toList())
                : schema.asString();
    }

    /** gojsonschema's name of a JSON value's type: whole numbers are integers. */
    private static String typeOf(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() || (n.isBigDecimal() && n.decimalValue().stripTrailingZeros().scale() <= 0)
                    ? "integer" : "number";
        }
        return n.isString() ? "string" : n.isBoolean() ? "boolean" : n.isArray() ? "array" : "object";
    }

    private static String validatorMessage(Error e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getKeyword() + " failed";
        }
        int colon = m.indexOf(": ");
        return m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
    }

    /** The error kind under OPA's (gojsonschema's) name; a keyword without one keeps its own name. */
    private static String type(Error e) {
        String keyword = String.valueOf(e.getKeyword());
        return switch (keyword) {
            case "type" -> "invalid_type";
            case "minimum", "exclusiveMinimum" -> keyword.equals("minimum") ? "number_gte" : "number_gt";
            case "maximum", "exclusiveMaximum" -> keyword.equals("maximum") ? "number_lte" : "number_lt";
            case "minLength" -> "string_gte";
            case "maxLength" -> "string_lte";
            case "minItems" -> "array_min_items";
            case "maxItems" -> "array_max_items";
            case "uniqueItems" -> "unique";
            case "minProperties" -> "array_min_properties";
            case "maxProperties" -> "array_max_properties";
            case "additionalProperties" -> "additional_property_not_allowed";
            case "additionalItems" -> "array_no_additional_items";
            case "multipleOf" -> "multiple_of";
            case "oneOf" -> "number_one_of";
            case "anyOf" -> "number_any_of";
            case "allOf" -> "number_all_of";
            case "not" -> "number_not";
            case "dependencies" -> "missing_dependency";
            case "false" -> "false";
            default -> keyword;
        };
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
