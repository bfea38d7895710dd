package dev.arca.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelComprehension;
import dev.cel.parser.CelUnparserFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A static upper estimate of the comprehension iterations one evaluation of a policy may run (docs/policies.md
 * "Upload-time estimate"). cel-java 0.14 has no cost estimator, so this walks the expression tree:
 *
 * <ul>
 * <li>a list or map written out in the policy ({@code ['driver', 'vbios']}) has its own size;</li>
 * <li>any other iterable — a claim, a reference value, a function's result — is assumed to hold up to
 *     {@link EvaluationBudget#assumedIterableSize()} elements ({@code A});</li>
 * <li>a loop over a part of an enclosing loop's element ({@code events.exists(e, e.digests.exists(d, …))}) visits
 *     parts of one value, so all its runs together stay within that value's {@code A} elements: the loops add
 *     ({@code A + A}); a loop over anything else inside a loop multiplies ({@code input.x.all(a, input.y.all(b, …))}
 *     costs {@code A × A});</li>
 * <li>a comprehension costs its iterable's bound × (1 + the cost of its condition and step), plus the cost of its
 *     range, initial value and result; any other expression the sum of its parts.</li>
 * </ul>
 * The estimate errs high: it assumes every loop runs to its end and every branch is taken.
 */
final class IterationEstimate {

    /** The estimate, and the iterables of its heaviest chain of nested loops, outermost first, as policy text. */
    record Result(long iterations, List<String> nestedIterables) {
    }

    /** What a name in scope stands for: the element of a loop, and how many parts its chain has shared out. */
    private record Scope(String name, long elementShare, Scope parent) {

        Scope find(String wanted) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                if (scope.name.equals(wanted)) {
                    return scope;
                }
            }
            return null;
        }
    }

    /** A name standing for no element (an accumulator): hides an outer element of the same name. */
    private static final long INDEPENDENT = 0;

    private final long assumed;
    private final CelSource source;

    private IterationEstimate(long assumed, CelSource source) {
        this.assumed = assumed;
        this.source = source;
    }

    static Result of(CelAbstractSyntaxTree ast, int assumedIterableSize) {
        return new IterationEstimate(assumedIterableSize, ast.getSource()).cost(ast.getExpr(), null);
    }

    private Result cost(CelExpr expr, Scope scope) {
        return switch (expr.getKind()) {
            case COMPREHENSION -> comprehension(expr.comprehension(), scope);
            case SELECT -> cost(expr.select().operand(), scope);
            case CALL -> {
                List<CelExpr> parts = new ArrayList<>(expr.call().args());
                expr.call().target().ifPresent(parts::add);
                yield sum(parts, scope);
            }
            case LIST -> sum(expr.list().elements(), scope);
            case MAP -> {
                List<CelExpr> parts = new ArrayList<>();
                expr.map().entries().forEach(entry -> {
                    parts.add(entry.key());
                    parts.add(entry.value());
                });
                yield sum(parts, scope);
            }
            case STRUCT -> sum(expr.struct().entries().stream().map(entry -> entry.value()).toList(), scope);
            default -> new Result(0, List.of());
        };
    }

    private Result sum(List<CelExpr> parts, Scope scope) {
        long total = 0;
        Result heaviest = new Result(0, List.of());
        for (CelExpr part : parts) {
            Result cost = cost(part, scope);
            total = add(total, cost.iterations());
            if (cost.iterations() > heaviest.iterations()) {
                heaviest = cost;
            }
        }
        return new Result(total, heaviest.nestedIterables());
    }

    private Result comprehension(CelComprehension loop, Scope scope) {
        CelExpr range = loop.iterRange();
        long bound;
        long share;
        Scope element = elementOf(range, scope);
        if (range.getKind() == CelExpr.ExprKind.Kind.LIST) {
            bound = range.list().elements().size();
            share = bound;
        } else if (range.getKind() == CelExpr.ExprKind.Kind.MAP) {
            bound = range.map().entries().size();
            share = bound;
        } else if (element != null) {
            // parts of an element of an enclosing loop: that loop's value holds `assumed` parts in all
            bound = Math.max(1, assumed / Math.max(1, element.elementShare()));
            share = multiply(element.elementShare(), bound);
        } else {
            bound = assumed;
            share = assumed;
        }
        Result rangeCost = cost(range, scope);
        Result initCost = cost(loop.accuInit(), scope);
        // cel.bind(name, value, body) is a comprehension over [] whose accumulator is the value: the name stands
        // for whatever the value stands for
        Scope accumulator = bound == 0
                ? new Scope(loop.accuVar(), elementShareOf(loop.accuInit(), scope), scope)
                : new Scope(loop.accuVar(), INDEPENDENT, scope);
        Scope body = accumulator;
        if (!loop.iterVar().isEmpty()) {
            body = new Scope(loop.iterVar(), share, body);
        }
        if (!loop.iterVar2().isEmpty()) {
            body = new Scope(loop.iterVar2(), share, body);
        }
        Result condition = cost(loop.loopCondition(), body);
        Result step = cost(loop.loopStep(), body);
        Result result = cost(loop.result(), accumulator);
        Result perIteration = condition.iterations() >= step.iterations() ? condition : step;
        long iterations = add(add(rangeCost.iterations(), initCost.iterations()),
                add(multiply(bound, add(1, add(condition.iterations(), step.iterations()))), result.iterations()));
        List<String> nested = new ArrayList<>();
        if (bound > 0) {
            nested.add(text(range));
            nested.addAll(perIteration.nestedIterables());
        } else {
            nested.addAll(heaviest(initCost, result).nestedIterables());
        }
        return new Result(iterations, List.copyOf(nested));
    }

    private static Result heaviest(Result a, Result b) {
        return a.iterations() >= b.iterations() ? a : b;
    }

    /** The loop element {@code expr} is a part of ({@code e.digests}, {@code e[?'k'].orValue([])}), if any. */
    private static Scope elementOf(CelExpr expr, Scope scope) {
        CelExpr root = expr;
        while (true) {
            switch (root.getKind()) {
                case SELECT -> root = root.select().operand();
                case CALL -> {
                    if (root.call().target().isPresent()) {
                        root = root.call().target().get();
                    } else if (!root.call().args().isEmpty() && isAccess(root.call().function())) {
                        root = root.call().args().get(0);
                    } else {
                        return null;
                    }
                }
                case IDENT -> {
                    Scope found = scope == null ? null : scope.find(root.ident().name());
                    return found != null && found.elementShare() != INDEPENDENT ? found : null;
                }
                default -> {
                    return null;
                }
            }
        }
    }

    private static long elementShareOf(CelExpr expr, Scope scope) {
        Scope element = elementOf(expr, scope);
        return element == null ? INDEPENDENT : element.elementShare();
    }

    /** Index and optional field or index access: their first argument is the value accessed. */
    private static boolean isAccess(String function) {
        return function.equals("_[_]") || function.equals("_[?_]") || function.equals("_?._");
    }

    private String text(CelExpr expr) {
        String text;
        try {
            text = CelUnparserFactory.newUnparser().unparse(CelAbstractSyntaxTree.newParsedAst(expr, source));
        } catch (RuntimeException e) {
            return "an expression";
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long multiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /** The reason given to an admin whose policy is refused. */
    static String describe(Result estimate, EvaluationBudget budget) {
        List<String> iterables = estimate.nestedIterables().stream().map(text -> "`" + text + "`").toList();
        String loops;
        if (iterables.isEmpty()) {
            loops = "its comprehensions";
        } else if (iterables.size() == 1) {
            loops = "a comprehension over " + iterables.get(0);
        } else {
            loops = "nested comprehensions over " + String.join(", ", iterables.subList(0, iterables.size() - 1))
                    + " and " + iterables.get(iterables.size() - 1);
        }
        return loops + " may run about " + magnitude(estimate.iterations()) + " iterations (a list or map the policy "
                + "does not spell out is assumed to hold up to " + budget.assumedIterableSize()
                + " elements); the budget is " + budget.maxIterations() + " iterations per evaluation";
    }

    private static String magnitude(long n) {
        if (n == Long.MAX_VALUE) {
            return "more than 10^18";
        }
        return n < 1000 ? Long.toString(n) : "10^" + Math.round(Math.log10(n));
    }
}
