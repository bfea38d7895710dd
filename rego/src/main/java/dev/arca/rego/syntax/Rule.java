package dev.arca.rego.syntax;

import java.util.List;

/**
 * A rule of a module. {@code ref} is the head's reference below the package (first element a string scalar);
 * {@code clauses} is the body and its {@code else} chain, each with the value it gives.
 */
public record Rule(Kind kind, boolean isDefault, List<Term> ref, List<Term> args, Term key, List<Clause> clauses,
        Location at) {

    public enum Kind {
        /** One value per (ground) ref; a ref with variables builds an object. */
        SINGLE,
        /** {@code contains}: a set of values. */
        MULTI,
        FUNCTION
    }

    /** A body and the value the rule takes when it holds. */
    public record Clause(Term value, Body body) {
    }
}
