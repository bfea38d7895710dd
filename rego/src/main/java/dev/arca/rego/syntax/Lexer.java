package dev.arca.rego.syntax;

import java.util.ArrayList;
import java.util.List;

/** Splits policy text into tokens; comments run from {@code #} to the end of the line. */
final class Lexer {
    private static final String[] PUNCT = {":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ",", ";", ".",
        "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", ":"};

    private final String src;
    private int pos;
    private int line = 1;
    private int col = 1;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        return new Lexer(src).run();
    }

    private List<Token> run() {
        var out = new ArrayList<Token>();
        while (true) {
            boolean newline = false;
            boolean space = false;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    newline = true;
                    space = true;
                    advance();
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    space = true;
                    advance();
                } else if (c == '#') {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        advance();
                    }
                } else {
                    break;
                }
            }
            var at = new Location(line, col);
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.EOF, "", at, true, true));
                return out;
            }
            char c = src.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    advance();
                }
                out.add(new Token(Token.Kind.IDENT, src.substring(start, pos), at, newline, space));
            } else if (Character.isDigit(c)) {
                out.add(new Token(Token.Kind.NUMBER, number(at), at, newline, space));
            } else if (c == '"') {
                out.add(new Token(Token.Kind.STRING, string(at), at, newline, space));
            } else if (c == '`') {
                advance();
                int start = pos;
                while (pos < src.length() && src.charAt(pos) != '`') {
                    advance();
                }
                if (pos >= src.length()) {
                    throw new RegoParseException(at, "unterminated raw string");
                }
                String text = src.substring(start, pos);
                advance();
                out.add(new Token(Token.Kind.RAW_STRING, text, at, newline, space));
            } else {
                String p = punct();
                if (p == null) {
                    throw new RegoParseException(at, "illegal token '" + printable(c) + "'");
                }
                for (int i = 0; i < p.length(); i++) {
                    advance();
                }
                out.add(new Token(Token.Kind.PUNCT, p, at, newline, space));
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private String punct() {
        for (String p : PUNCT) {
            if (src.startsWith(p, pos)) {
                return p;
            }
        }
        return null;
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private boolean digitAt(int i) {
        return i < src.length() && Character.isDigit(src.charAt(i));
    }

    private String number(Location at) {
        int start = pos;
        while (digitAt(pos)) {
            advance();
        }
        if (pos < src.length() && src.charAt(pos) == '.' && digitAt(pos + 1)) {
            advance();
            while (digitAt(pos)) {
                advance();
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            int saveCol = col;
            advance();
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                advance();
            }
            if (!digitAt(pos)) {
                pos = save;
                col = saveCol;
            } else {
                while (digitAt(pos)) {
                    advance();
                }
            }
        }
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw new RegoParseException(at, "invalid number");
        }
        return src.substring(start, pos);
    }

    private String string(Location at) {
        advance();
        var sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new RegoParseException(at, "unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                advance();
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                advance();
                continue;
            }
            advance();
            if (pos >= src.length()) {
                throw new RegoParseException(at, "unterminated string");
            }
            char e = src.charAt(pos);
            advance();
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > src.length()) {
                        throw new RegoParseException(at, "invalid unicode escape in string");
                    }
                    String hex = src.substring(pos, pos + 4);
                    if (!hex.matches("[0-9a-fA-F]{4}")) {
                        throw new RegoParseException(at, "invalid unicode escape in string");
                    }
                    sb.append((char) Integer.parseInt(hex, 16));
                    for (int i = 0; i < 4; i++) {
                        advance();
                    }
                }
                default -> throw new RegoParseException(at, "invalid escape sequence in string");
            }
        }
    }
}
