package dev.arca.rego.syntax;

import java.util.List;

/** The expression forms of a literal. */
public sealed interface Expr {

    /** A term evaluated for truth: defined and not {@code false}. */
    record TermExpr(Term term) implements Expr {
    }

    /** {@code a = b}: unification (binds variables on either side). */
    record Unify(Term left, Term right) implements Expr {
    }

    /** {@code a := b}: declares and assigns local variables (left side may be a pattern). */
    record Assign(Term left, Term right) implements Expr {
    }

    /** {@code some x, y}: declares local variables. */
    record SomeDecl(List<Term.Var> vars) implements Expr {
    }

    /** {@code some k, v in xs} / {@code some v in xs}; key may be null. */
    record SomeIn(Term key, Term value, Term collection) implements Expr {
    }

    /** {@code every k, v in xs { body }}; key may be null. */
    record Every(Term.Var key, Term.Var value, Term domain, Body body) implements Expr {
    }

    /**
     * {@code { a; b }} after {@code not} (a not-body, with {@code import future.keywords.not} or
     * {@code import rego.v2}): holds when the body has a solution, so the negation holds when it has none. Variables
     * the body binds stay inside it.
     */
    record Block(Body body) implements Expr {
    }
}
