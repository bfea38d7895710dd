package dev.arca.attestation.policy;

import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The CEL environment of attestation policies (docs/architecture.md "Attestation policy"): variable {@code input}
 * (the device's annotated evidence, a map), the reference-value functions of {@link ReferenceValueFunctions}, the
 * standard macros ({@code has}, {@code all}, {@code exists}, …) and the bindings, optional and string extensions. A
 * policy must evaluate to a map of category name to int (plus an optional {@code extensions} member); one that
 * cannot (a bool, a map of strings) is refused at compile time, so the mistake shows at upload, not at attestation.
 */
@Component
public class CelPolicyCompiler {

    static final String INPUT = "input";

    /** Bounds loops over evidence (event logs have thousands of entries, not millions). */
    private static final int MAX_COMPREHENSION_ITERATIONS = 100_000;
    private static final Set<CelKind> KEY_KINDS = Set.of(CelKind.STRING, CelKind.DYN);
    private static final Set<CelKind> VALUE_KINDS = Set.of(CelKind.INT, CelKind.DYN);

    private final Cel cel;

    public CelPolicyCompiler(ReferenceValueSource referenceValues) {
        this.cel = CelFactory.plannerCelBuilder()
                .setOptions(CelOptions.current()
                        // 2 == 2.0 and 3 < 3.5 across JSON number kinds, as in Rego; the planner requires it
                        .enableHeterogeneousNumericComparisons(true)
                        .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS).build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                // cel.bind(name, value, expr) for local names; x.?field / m[?key] / orValue for optional claims;
                // the string extension functions (lowerAscii, split, …)
                .addCompilerLibraries(CelExtensions.bindings(), CelExtensions.optional(), CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings())
                .addVar(INPUT, MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addFunctionDeclarations(ReferenceValueFunctions.declarations())
                .addFunctionBindings(new ReferenceValueFunctions(referenceValues).bindings())
                .build();
    }

    public CelRuntime.Program compile(String text) throws InvalidPolicyException {
        CelAbstractSyntaxTree ast;
        try {
            CelValidationResult result = cel.compile(text);
            if (result.hasError()) {
                throw new InvalidPolicyException(result.getErrorString());
            }
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidPolicyException(e.getMessage());
        }
        checkResultType(ast.getResultType());
        try {
            // Planned from the parsed, not the checked, tree: over JSON claims (dyn) cel-java 0.14's checker binds
            // some overloads statically and wrongly — `'k' in claims['x']` would only try list membership and fail
            // at run time. The check above still reports every compile error at upload.
            return cel.createProgram(cel.parse(text).getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new InvalidPolicyException("policy cannot be planned: " + e.getMessage());
        }
    }

    private static void checkResultType(CelType type) throws InvalidPolicyException {
        if (type.kind() == CelKind.DYN) {
            return;
        }
        if (type instanceof MapType map && KEY_KINDS.contains(map.keyType().kind())
                && VALUE_KINDS.contains(map.valueType().kind())) {
            return;
        }
        throw new InvalidPolicyException("a policy must evaluate to a map from trust category to int, "
                + "e.g. {'hardware': 2}; this one evaluates to " + describe(type));
    }

    private static String describe(CelType type) {
        if (type.parameters().isEmpty()) {
            return type.name();
        }
        return type.name() + "(" + String.join(", ", type.parameters().stream().map(CelType::name).toList()) + ")";
    }
}
