package dev.arca.rego.syntax;

import java.util.List;

/** A query: literals that must all hold (conjunction), evaluated in order. */
public record Body(List<Literal> literals) {
}
