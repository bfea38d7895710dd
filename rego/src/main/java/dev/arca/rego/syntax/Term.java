package dev.arca.rego.syntax;

import dev.arca.rego.value.Value;
import java.util.List;

/** A Rego term: the operands of expressions. Infix operators are parsed into {@link Call}s of their built-ins. */
public sealed interface Term {
    Location at();

    /** A constant: null, boolean, number or string. */
    record Scalar(Value value, Location at) implements Term {
    }

    /** A variable, a rule name or a root document ({@code data}, {@code input}); {@code _} is renamed per use. */
    record Var(String name, Location at) implements Term {
        public boolean isWildcard() {
            return name.startsWith("$_");
        }
    }

    /** {@code head.a[b]...}: the head is a var, a composite or a call. */
    record Ref(Term head, List<Term> path, Location at) implements Term {
    }

    record ArrayTerm(List<Term> items, Location at) implements Term {
    }

    record ObjectTerm(List<Entry> entries, Location at) implements Term {
    }

    record Entry(Term key, Term value) {
    }

    record SetTerm(List<Term> items, Location at) implements Term {
    }

    /** A call of a built-in or a function; {@code operator} is its dotted name (e.g. {@code data.lib.f}). */
    record Call(String operator, List<Term> args, Location at) implements Term {
    }

    record ArrayCompr(Term head, Body body, Location at) implements Term {
    }

    record SetCompr(Term head, Body body, Location at) implements Term {
    }

    record ObjectCompr(Term key, Term value, Body body, Location at) implements Term {
    }
}
