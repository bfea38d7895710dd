package dev.arca.kbs.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Compiles and evaluates resource policies: one boolean CEL expression over {@code input} (the verified token claims)
 * and {@code request} (docs/architecture.md). Only the value {@code true} releases; false, any other value, or an
 * evaluation error denies (fail closed, specs/kbs.md §3.6).
 *
 * <p>A policy is type-checked at upload so mistakes (undeclared names, unknown functions, a non-boolean result) are
 * reported then. The program that runs, however, is planned from the parsed expression and dispatches on the runtime
 * values: cel-java 0.14's checker pins {@code x in m[k]} on a {@code dyn} map to the list overload, which then fails
 * at run time for maps — exactly the shape of the default policy.
 */
@Component
public class ResourcePolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(ResourcePolicyEngine.class);
    /** Compiled programs kept: one per tenant policy is the expected working set. */
    private static final int CACHE_SIZE = 256;

    private final Cel cel = CelFactory.plannerCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();

    /** Compiling costs milliseconds, evaluating microseconds (DESIGN.md build notes): cache by policy text. */
    private final Map<String, CelRuntime.Program> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CelRuntime.Program> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** Checks a policy; the message of the exception is the compiler's. */
    public CelRuntime.Program compile(String text) throws PolicyCompileException {
        try {
            CelAbstractSyntaxTree checked = cel.compile(text).getAst();
            CelKind kind = checked.getResultType().kind();
            if (kind != CelKind.BOOL && kind != CelKind.DYN) {
                throw new PolicyCompileException("a resource policy must evaluate to a bool, this one evaluates to "
                        + checked.getResultType().name());
            }
            return cel.createProgram(cel.parse(text).getAst());
        } catch (CelValidationException e) {
            throw new PolicyCompileException(e.getMessage());
        } catch (CelEvaluationException | IllegalArgumentException | IllegalStateException e) {
            throw new PolicyCompileException("cannot plan the policy: " + e.getMessage());
        }
    }

    /** True only when the policy evaluates to exactly {@code true}. */
    public boolean allows(String policyText, JsonNode claims, PolicyRequest request) {
        CelRuntime.Program program;
        try {
            program = programFor(policyText);
        } catch (PolicyCompileException e) {
            log.error("a stored resource policy does not compile, denying: {}", e.getMessage());
            return false;
        }
        try {
            Object result = program.eval(Map.of("input", CelValues.of(claims), "request", request.toCel()));
            return Boolean.TRUE.equals(result);
        } catch (CelEvaluationException | RuntimeException e) {
            log.info("resource policy evaluation failed, denying: {}", e.getMessage());
            return false;
        }
    }

    private CelRuntime.Program programFor(String text) throws PolicyCompileException {
        synchronized (cache) {
            CelRuntime.Program cached = cache.get(text);
            if (cached != null) {
                return cached;
            }
        }
        CelRuntime.Program program = compile(text);
        synchronized (cache) {
            cache.put(text, program);
        }
        return program;
    }
}
