package dev.arca.rego.syntax;

/**
 * One lexical token. {@code text} is the decoded value for strings, the literal text otherwise;
 * {@code newlineBefore} separates the expressions of a body, {@code spaceBefore} tells {@code a[0]} from
 * {@code a [0]}.
 */
record Token(Kind kind, String text, Location at, boolean newlineBefore, boolean spaceBefore) {
    enum Kind { IDENT, NUMBER, STRING, RAW_STRING, PUNCT, EOF }

    boolean is(String punctOrKeyword) {
        return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrKeyword);
    }
}
