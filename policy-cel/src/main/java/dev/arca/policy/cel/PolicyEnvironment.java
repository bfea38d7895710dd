package dev.arca.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one CEL environment of Arca's policies (docs/policies.md "The CEL environment"), shared by the KBS's resource
 * policies and the AS's attestation policies. Every environment has the standard macros ({@code has}, {@code all},
 * {@code exists}, {@code exists_one}, {@code map}, {@code filter}), the bindings ({@code cel.bind}), optional
 * ({@code x.?f}, {@code m[?k]}, {@code orValue}) and string extensions, and heterogeneous numeric comparisons
 * ({@code 1 == 1.0}, {@code 2 < 2.5}: JSON does not tell an int from a double, and Rego compares numbers by value).
 * A service adds its variables (each a {@code map(string, dyn)} of JSON), its functions and its result-type rule.
 *
 * <p>{@link #compile} refuses a policy that does not compile, has the wrong result type, or whose
 * {@linkplain IterationEstimate estimated} iterations exceed the budget; it keeps the compiled program in a bounded
 * cache keyed by the policy text, which {@link #evaluate} reads, so a policy is compiled once per replica however often
 * it is evaluated and a text changed by another replica is compiled on first use.
 */
public final class PolicyEnvironment {

    private final Cel cel;
    private final ResultTypeRule resultTypeRule;
    private final EvaluationBudget budget;
    private final ProgramCache cache;

    private PolicyEnvironment(Builder builder) {
        this.resultTypeRule = builder.resultTypeRule;
        this.budget = builder.budget;
        this.cache = new ProgramCache(builder.cacheSize);
        CelBuilder cel = CelFactory.plannerCelBuilder()
                .setOptions(CelOptions.current()
                        // one numeric semantics for every policy; cel-java's planner needs this option as well
                        .enableHeterogeneousNumericComparisons(true)
                        // cel-java's own fence counts the same iterations as BudgetListener, one step earlier (before
                        // the loop condition), so it sits one above: the listener trips first and cannot be absorbed,
                        // and this fence stays should a loop ever run without the listener
                        .comprehensionMaxIterations(budget.maxIterations() + 1)
                        .build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.bindings(), CelExtensions.optional(), CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings())
                .addFunctionDeclarations(builder.declarations)
                .addFunctionBindings(builder.bindings);
        for (String variable : builder.variables) {
            cel.addVar(variable, MapType.create(SimpleType.STRING, SimpleType.DYN));
        }
        this.cel = cel.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public EvaluationBudget budget() {
        return budget;
    }

    /**
     * Compiles, checks and estimates a policy (an upload), caching the program.
     *
     * @throws PolicyRejectedException with a message for the admin; nothing is cached then
     */
    public CompiledPolicy compile(String text) throws PolicyRejectedException {
        CompiledPolicy cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        CompiledPolicy compiled = compileUncached(text);
        cache.put(text, compiled);
        return compiled;
    }

    /**
     * Evaluates a stored policy text: the cached program, else the text compiled now. A text that no longer compiles
     * (stored under another configuration, say) is a {@link PolicyOutcome.Failed}.
     */
    public PolicyOutcome evaluate(String text, Map<String, ?> variables) {
        CompiledPolicy policy;
        try {
            policy = compile(text);
        } catch (PolicyRejectedException e) {
            return new PolicyOutcome.Failed("the stored policy is refused: " + e.getMessage(), e);
        }
        return policy.evaluate(variables);
    }

    /** How many compiled programs the cache holds now. */
    public int cachedPrograms() {
        return cache.size();
    }

    private CompiledPolicy compileUncached(String text) throws PolicyRejectedException {
        if (text == null) {
            throw new PolicyRejectedException(PolicyRejectedException.Reason.INVALID, "the policy text is missing");
        }
        try {
            CelValidationResult checked = cel.compile(text);
            if (checked.hasError()) {
                throw new PolicyRejectedException(PolicyRejectedException.Reason.INVALID, checked.getErrorString());
            }
            CelAbstractSyntaxTree ast = checked.getAst();
            Optional<String> wrongType = resultTypeRule.problem(ast.getResultType());
            if (wrongType.isPresent()) {
                throw new PolicyRejectedException(PolicyRejectedException.Reason.RESULT_TYPE, wrongType.get());
            }
            IterationEstimate.Result estimate = IterationEstimate.of(ast, budget.assumedIterableSize());
            if (estimate.iterations() > budget.maxIterations()) {
                throw new PolicyRejectedException(PolicyRejectedException.Reason.OVER_BUDGET,
                        IterationEstimate.describe(estimate, budget));
            }
            // Planned from the parsed, not the checked, tree: over JSON (dyn) cel-java 0.14's checker binds some
            // overloads statically and wrongly — `'k' in claims['x']` would only try list membership and fail at run
            // time on a map. The check above still reports every compile error at upload.
            CelAbstractSyntaxTree parsed = cel.parse(text).getAst();
            return new CompiledPolicy(text, cel.createProgram(parsed), loopConditions(parsed.getExpr()),
                    estimate.iterations(), budget);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new PolicyRejectedException(PolicyRejectedException.Reason.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            // a cel-java defect on odd input must still be a refusal, never a server error
            throw new PolicyRejectedException(PolicyRejectedException.Reason.INVALID,
                    "the policy cannot be compiled: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new PolicyRejectedException(PolicyRejectedException.Reason.INVALID,
                    "the policy is nested too deeply");
        }
    }

    /** The ids of the loop-condition nodes, whose evaluations {@link BudgetListener} counts as iterations. */
    private static BitSet loopConditions(CelExpr root) {
        BitSet ids = new BitSet();
        Deque<CelExpr> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            CelExpr expr = pending.pop();
            switch (expr.getKind()) {
                case COMPREHENSION -> {
                    var loop = expr.comprehension();
                    if (loop.loopCondition().id() <= Integer.MAX_VALUE - 1) {
                        ids.set((int) loop.loopCondition().id());
                    }
                    pending.push(loop.iterRange());
                    pending.push(loop.accuInit());
                    pending.push(loop.loopCondition());
                    pending.push(loop.loopStep());
                    pending.push(loop.result());
                }
                case SELECT -> pending.push(expr.select().operand());
                case CALL -> {
                    expr.call().target().ifPresent(pending::push);
                    expr.call().args().forEach(pending::push);
                }
                case LIST -> expr.list().elements().forEach(pending::push);
                case MAP -> expr.map().entries().forEach(entry -> {
                    pending.push(entry.key());
                    pending.push(entry.value());
                });
                case STRUCT -> expr.struct().entries().forEach(entry -> pending.push(entry.value()));
                default -> {
                }
            }
        }
        return ids;
    }

    /** Assembles an environment: variables, functions and result rule of one service, its budget and cache size. */
    public static final class Builder {

        private final Set<String> variables = new LinkedHashSet<>();
        private final List<CelFunctionDecl> declarations = new ArrayList<>();
        private final List<CelFunctionBinding> bindings = new ArrayList<>();
        private ResultTypeRule resultTypeRule = ResultTypeRule.ANY;
        private EvaluationBudget budget = EvaluationBudget.DEFAULT;
        private int cacheSize = 256;

        private Builder() {
        }

        /** A variable of type {@code map(string, dyn)}: a JSON object converted with {@link CelValues#of}. */
        public Builder variable(String name) {
            variables.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Service functions: declarations for the checker, bindings for the runtime. Since programs are planned from
         * the parsed tree, a binding must be registered under the function's name as well as its overload id.
         */
        public Builder functions(Collection<CelFunctionDecl> declarations, Collection<CelFunctionBinding> bindings) {
            this.declarations.addAll(declarations);
            this.bindings.addAll(bindings);
            return this;
        }

        public Builder resultType(ResultTypeRule rule) {
            this.resultTypeRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        public Builder budget(EvaluationBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Compiled programs kept; the least recently used beyond it is dropped (and recompiled when needed). */
        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 1) {
                throw new IllegalArgumentException("cache size must be at least 1, got " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        public PolicyEnvironment build() {
            return new PolicyEnvironment(this);
        }
    }
}
