package dev.arca.attestation.policy;

import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.arca.attestation.rvps.RvpsUnavailableException;
import dev.arca.policy.cel.CelValues;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Evaluation runs on the caller's thread; see {@link #startEvaluation()}. */
    private static final ThreadLocal<RvpsUnavailableException> FAILURE = new ThreadLocal<>();

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

    /**
     * Each function is bound under its overload id (checked programs) and under its name: policies are planned
     * from the parsed tree (see policy-cel's {@code PolicyEnvironment}), whose calls the runtime resolves by name.
     */
    List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> out = new ArrayList<>();
        for (String id : List.of(RV, "rv")) {
            out.add(CelFunctionBinding.from(id, String.class, this::rv));
        }
        for (String id : List.of(RV_HAS, "rv_has")) {
            out.add(CelFunctionBinding.from(id, String.class, Object.class, this::rvHas));
        }
        for (String id : List.of(RV_EQ, "rv_eq")) {
            out.add(CelFunctionBinding.from(id, String.class, Object.class, this::rvEq));
        }
        for (String id : List.of(RV_MIN, "rv_min")) {
            out.add(CelFunctionBinding.from(id, String.class, Object.class, this::rvMin));
        }
        for (String id : List.of(ALL_RV, "all_rv")) {
            out.add(CelFunctionBinding.from(id, Map.class, this::allRv));
        }
        return out;
    }

    private Object rv(String name) {
        return reference(name).orElse(CelValues.NULL);
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
        try {
            return source.find(name).map(CelValues::of);
        } catch (RvpsUnavailableException e) {
            FAILURE.set(e);
            throw e;
        }
    }

    /**
     * Starts recording RVPS failures of the evaluation about to run on this thread. CEL may absorb a function's
     * error ({@code error || true} is true) and cel-java's planner wraps it without its cause, so the engine asks
     * {@link #takeRvpsFailure()} afterwards instead of relying on the exception.
     */
    static void startEvaluation() {
        FAILURE.remove();
    }

    /** Records an RVPS failure met by another policy language's look-up (Rego's query_reference_value). */
    static void recordRvpsFailure(RvpsUnavailableException failure) {
        FAILURE.set(failure);
    }

    /** The RVPS failure of this thread's last evaluation, if any; clears it. */
    static Optional<RvpsUnavailableException> takeRvpsFailure() {
        RvpsUnavailableException failure = FAILURE.get();
        FAILURE.remove();
        return Optional.ofNullable(failure);
    }
}
