package dev.arca.attestation.policy;

import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.arca.attestation.rvps.RvpsUnavailableException;
import dev.arca.policy.cel.CelValues;
import dev.arca.rego.CompiledPolicy;
import dev.arca.rego.RegoEngine;
import dev.arca.rego.RegoException;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attestation policies in Rego with upstream's contract (Trustee attestation-service policy.md): {@code package
 * policy}, {@code input} the device's annotated evidence, {@code data.policy.trust_claims} the AR4SI categories and
 * {@code data.policy.extensions} the EAR extensions; {@code query_reference_value(id)} reads a reference value
 * through the same RVPS client cache as the CEL functions (undefined when the RVPS has none; an RVPS failure fails
 * the appraisal closed). Evaluated by Arca's pure-Java engine (docs/rego.md) under a step budget of ten steps per
 * allowed CEL iteration and the same deadline.
 */
@Component
public class RegoPolicyCompiler {

    static final String TRUST_CLAIMS = "data.policy.trust_claims";
    static final String EXTENSIONS = "data.policy.extensions";

    private final RegoEngine engine;

    public RegoPolicyCompiler(ReferenceValueSource referenceValues, PolicyProperties properties) {
        this.engine = RegoEngine.builder()
                .maxSteps(10L * properties.budget().maxIterations())
                .timeout(properties.budget().deadline())
                .cacheSize(properties.cacheSize())
                .function("query_reference_value", 1, args -> referenceValue(referenceValues, args))
                .build();
    }

    private static Value referenceValue(ReferenceValueSource source, List<Value> args) {
        if (!(args.get(0) instanceof StringValue id)) {
            return null;
        }
        try {
            return source.find(id.value()).map(Json::fromNode).orElse(null);
        } catch (RvpsUnavailableException e) {
            ReferenceValueFunctions.recordRvpsFailure(e);
            throw e;
        }
    }

    /** Compiles a policy (an upload, or a built-in at startup); cached by its text. */
    public void compile(String text) throws InvalidPolicyException {
        try {
            CompiledPolicy policy = engine.compile(text);
            if (!policy.packagePath().equals(List.of("policy"))) {
                throw new InvalidPolicyException("a Rego attestation policy must be in package policy, this one is in "
                        + String.join(".", policy.packagePath()));
            }
        } catch (RegoException e) {
            throw new InvalidPolicyException(e.getMessage());
        }
    }

    /**
     * What the policy gives for one device, in the shape {@link PolicyResult#read} reads: the trust claims and, when
     * defined, {@code extensions}. Throws {@link RegoException} when the evaluation fails (or runs over its budget).
     */
    Map<String, Object> evaluate(String text, ObjectNode input) {
        CompiledPolicy policy = engine.compile(text);
        Value in = Json.fromNode(input);
        // one evaluation for both: extensions are built on the same appraisal rules as the trust claims
        List<Optional<Value>> values = policy.evaluateAll(List.of(TRUST_CLAIMS, EXTENSIONS), in, null);
        Value claims = values.get(0).orElseThrow(() ->
                new IllegalArgumentException("policy left data.policy.trust_claims undefined"));
        if (!(claims instanceof ObjectValue object)) {
            throw new IllegalArgumentException("data.policy.trust_claims is a " + claims.typeName() + ", not an object");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        object.entries().forEach((k, v) -> result.put(k instanceof StringValue s ? s.value() : k.toString(), cel(v)));
        values.get(1).ifPresent(e -> result.put(PolicyResult.EXTENSIONS, cel(byName(e))));
        return result;
    }

    /**
     * Upstream's extensions are a list of {@code {"name", "key", "value"}} (Trustee attestation-service policy.md; the
     * key numbers the extension in CBOR EAR, which JSON tokens do not use); Arca's are an object of name to value. The
     * list becomes that object, so a policy brought from Trustee runs unchanged; a name given twice is an error, as
     * upstream's.
     */
    private static Value byName(Value extensions) {
        if (!(extensions instanceof ArrayValue list)) {
            return extensions;
        }
        SortedMap<Value, Value> byName = new TreeMap<>();
        for (Value item : list.items()) {
            if (!(item instanceof ObjectValue extension)
                    || !(extension.get("name") instanceof StringValue name)
                    || extension.get("value") == null) {
                throw new IllegalArgumentException("data.policy.extensions must list objects with a string name and a"
                        + " value");
            }
            Value key = extension.get("key");
            if (key != null && !(key instanceof NumberValue number && number.isInteger())) {
                throw new IllegalArgumentException("extension '" + name.value() + "' has a key that is not an integer");
            }
            if (byName.put(name, extension.get("value")) != null) {
                throw new IllegalArgumentException("extension '" + name.value() + "' is given twice");
            }
        }
        return new ObjectValue(byName);
    }

    /** Rego values as the CEL side holds them (int claims are Longs), so one reader checks both languages. */
    private static Object cel(Value v) {
        return switch (v) {
            case NullValue n -> CelValues.NULL;
            case BoolValue b -> b.value();
            case StringValue s -> s.value();
            case NumberValue n -> n.isInteger() && n.value().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && n.value().compareTo(java.math.BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                    ? (Object) n.value().longValueExact() : (Object) n.value().doubleValue();
            case ArrayValue a -> a.items().stream().map(RegoPolicyCompiler::cel).toList();
            case SetValue s -> s.items().stream().map(RegoPolicyCompiler::cel).toList();
            case ObjectValue o -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                o.entries().forEach((k, val) -> m.put(cel(k), cel(val)));
                yield m;
            }
        };
    }
}
