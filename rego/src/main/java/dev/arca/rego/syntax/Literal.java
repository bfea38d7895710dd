package dev.arca.rego.syntax;

import java.util.List;

/** One expression of a body, possibly negated ({@code not}), with its {@code with} modifiers. */
public record Literal(boolean negated, Expr expr, List<With> withs, Location at) {

    /** {@code with target as value}: target is a ref into input or data, or a function name. */
    public record With(Term target, Term value) {
    }
}
