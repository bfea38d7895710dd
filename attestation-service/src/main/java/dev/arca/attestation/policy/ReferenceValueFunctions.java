package dev.arca.attestation.policy;

import com.google.protobuf.NullValue;
import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The policy functions over reference values (docs/policies.md "Functions"):
 * <ul>
 * <li>{@code rv(name)} → the value's JSON as a CEL value, {@code null} when absent;</li>
 * <li>{@code rv_has(name, x)} → the reference value is a list containing {@code x}, or equals it (upstream's
 *     {@code x in query_reference_value(name)});</li>
 * <li>{@code rv_eq(name, x)} → the reference value equals {@code x} (upstream's {@code x == …});</li>
 * <li>{@code rv_min(name, x)} → both are numbers and {@code x >= } the reference value (upstream's
 *     {@code x >= …});</li>
 * <li>{@code all_rv({name: x, …})} → {@code rv_has(name, x)} for every entry.</li>
 * </ul>
 * The predicates are false, never an error, when the value is absent or of another type, so a policy falls to its
 * "not recognised" branch as upstream's Rego rule would. An RVPS failure throws, so the evaluation fails closed; it
 * is never read as "absent".
 */
final class ReferenceValueFunctions {

    private static final String RV = "rv_string";
    private static final String RV_HAS = "rv_has_string_dyn";
    private static final String RV_EQ = "rv_eq_string_dyn";
    private static final String RV_MIN = "rv_min_string_dyn";
    private static final String ALL_RV = "all_rv_map";

    private final ReferenceValueSource source;

    ReferenceValueFunctions(ReferenceValueSource source) {
        this.source = source;
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("rv",
                        CelOverloadDecl.newGlobalOverload(RV, SimpleType.DYN, SimpleType.STRING)),
                predicate("rv_has", RV_HAS),
                predicate("rv_eq", RV_EQ),
                predicate("rv_min", RV_MIN),
                CelFunctionDecl.newFunctionDeclaration("all_rv",
                        CelOverloadDecl.newGlobalOverload(ALL_RV, SimpleType.BOOL,
                                MapType.create(SimpleType.STRING, SimpleType.DYN))));
    }

    private static CelFunctionDecl predicate(String name, String overload) {
        return CelFunctionDecl.newFunctionDeclaration(name,
                CelOverloadDecl.newGlobalOverload(overload, SimpleType.BOOL, SimpleType.STRING, SimpleType.DYN));
    }

    List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from(RV, String.class, this::rv),
                CelFunctionBinding.from(RV_HAS, String.class, Object.class, this::rvHas),
                CelFunctionBinding.from(RV_EQ, String.class, Object.class, this::rvEq),
                CelFunctionBinding.from(RV_MIN, String.class, Object.class, this::rvMin),
                CelFunctionBinding.from(ALL_RV, Map.class, this::allRv));
    }

    private Object rv(String name) {
        return reference(name).orElse(NullValue.NULL_VALUE);
    }

    private boolean rvHas(String name, Object candidate) {
        Optional<Object> reference = reference(name);
        if (reference.isEmpty()) {
            return false;
        }
        if (CelValues.same(reference.get(), candidate)) {
            return true;
        }
        return reference.get() instanceof List<?> list
                && list.stream().anyMatch(element -> CelValues.same(element, candidate));
    }

    private boolean rvEq(String name, Object candidate) {
        return reference(name).map(reference -> CelValues.same(reference, candidate)).orElse(false);
    }

    private boolean rvMin(String name, Object candidate) {
        return reference(name)
                .filter(reference -> reference instanceof Number && candidate instanceof Number)
                .map(reference -> CelValues.compare((Number) candidate, (Number) reference) >= 0)
                .orElse(false);
    }

    private boolean allRv(Map<?, ?> expectations) {
        for (Map.Entry<?, ?> expectation : expectations.entrySet()) {
            if (!rvHas((String) expectation.getKey(), expectation.getValue())) {
                return false;
            }
        }
        return true;
    }

    private Optional<Object> reference(String name) {
        Optional<JsonNode> value = source.find(name);
        return value.map(CelValues::of);
    }
}
