package dev.arca.attestation.policy;

import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.arca.policy.cel.CelValues;
import dev.arca.policy.cel.CompiledPolicy;
import dev.arca.policy.cel.PolicyEnvironment;
import dev.arca.policy.cel.PolicyOutcome;
import dev.arca.policy.cel.PolicyRejectedException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attestation policies in the shared CEL environment (module policy-cel, docs/policies.md): variable {@code input}
 * (the device's annotated evidence, a map) and the reference-value functions of {@link ReferenceValueFunctions}, over
 * the standard macros and extensions every Arca policy has. A policy must evaluate to a map of category name to int
 * (plus an optional {@code extensions} member); one that cannot (a bool, a map of strings) is refused at upload, as is
 * one whose estimated cost exceeds the evaluation budget, so the mistake shows then, not at attestation.
 */
@Component
public class CelPolicyCompiler {

    static final String INPUT = "input";

    private static final Set<CelKind> KEY_KINDS = Set.of(CelKind.STRING, CelKind.DYN);
    private static final Set<CelKind> VALUE_KINDS = Set.of(CelKind.INT, CelKind.DYN);

    private final PolicyEnvironment environment;

    public CelPolicyCompiler(ReferenceValueSource referenceValues, PolicyProperties properties) {
        this.environment = PolicyEnvironment.builder()
                .variable(INPUT)
                .functions(ReferenceValueFunctions.declarations(),
                        new ReferenceValueFunctions(referenceValues).bindings())
                .resultType(CelPolicyCompiler::resultTypeProblem)
                .budget(properties.budget())
                .cacheSize(properties.cacheSize())
                .build();
    }

    /** Compiles and estimates a policy (an upload, or a built-in at startup); the program is cached by its text. */
    public CompiledPolicy compile(String text) throws InvalidPolicyException {
        try {
            return environment.compile(text);
        } catch (PolicyRejectedException e) {
            throw new InvalidPolicyException(e.getMessage(),
                    e.reason() == PolicyRejectedException.Reason.OVER_BUDGET);
        }
    }

    /** Evaluates a policy text over one device's annotated evidence. */
    PolicyOutcome evaluate(String text, ObjectNode input) {
        return environment.evaluate(text, Map.of(INPUT, CelValues.of(input)));
    }

    private static Optional<String> resultTypeProblem(CelType type) {
        if (type.kind() == CelKind.DYN) {
            return Optional.empty();
        }
        if (type instanceof MapType map && KEY_KINDS.contains(map.keyType().kind())
                && VALUE_KINDS.contains(map.valueType().kind())) {
            return Optional.empty();
        }
        return Optional.of("a policy must evaluate to a map from trust category to int, "
                + "e.g. {'hardware': 2}; this one evaluates to " + describe(type));
    }

    private static String describe(CelType type) {
        if (type.parameters().isEmpty()) {
            return type.name();
        }
        return type.name() + "(" + String.join(", ", type.parameters().stream().map(CelType::name).toList()) + ")";
    }
}
