package dev.arca.attestation.policy;

import com.google.protobuf.NullValue;
import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The policy functions over reference values (docs/architecture.md "Attestation policy"):
 * {@code rv(name)} → the value's JSON as a CEL value, {@code null} when absent; {@code rv_has(name, value)} → whether
 * the reference value is a list containing {@code value} or equals it (false when absent). An RVPS failure throws,
 * so the evaluation fails closed; it is never read as "absent".
 */
final class ReferenceValueFunctions {

    private static final String RV_OVERLOAD = "rv_string";
    private static final String RV_HAS_OVERLOAD = "rv_has_string_dyn";

    private final ReferenceValueSource source;

    ReferenceValueFunctions(ReferenceValueSource source) {
        this.source = source;
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("rv",
                        CelOverloadDecl.newGlobalOverload(RV_OVERLOAD, SimpleType.DYN, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("rv_has",
                        CelOverloadDecl.newGlobalOverload(RV_HAS_OVERLOAD, SimpleType.BOOL, SimpleType.STRING,
                                SimpleType.DYN)));
    }

    List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from(RV_OVERLOAD, String.class, this::rv),
                CelFunctionBinding.from(RV_HAS_OVERLOAD, String.class, Object.class, this::rvHas));
    }

    private Object rv(String name) {
        Optional<JsonNode> value = source.find(name);
        return value.map(CelValues::of).orElse(NullValue.NULL_VALUE);
    }

    private boolean rvHas(String name, Object candidate) {
        Optional<JsonNode> value = source.find(name);
        if (value.isEmpty()) {
            return false;
        }
        Object reference = CelValues.of(value.get());
        if (CelValues.same(reference, candidate)) {
            return true;
        }
        return reference instanceof List<?> list
                && list.stream().anyMatch(element -> CelValues.same(element, candidate));
    }
}
