package dev.arca.rego.syntax;

import java.util.List;

/** A parsed policy file: package path (below {@code data}), imports and rules. */
public record Module(List<String> packagePath, List<Import> imports, List<Rule> rules) {

    /** {@code import data.x.y as z} / {@code import input.a}: {@code path} starts with the root. */
    public record Import(List<String> path, String alias, Location at) {
    }
}
