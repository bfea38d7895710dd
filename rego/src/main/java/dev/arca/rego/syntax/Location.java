package dev.arca.rego.syntax;

/** A 1-based line and column in a policy text. */
public record Location(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
