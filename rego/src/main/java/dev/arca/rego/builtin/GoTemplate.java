package dev.arca.rego.builtin;

import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of Go's text/template language that {@code strings.render_template} supports, parsed into a tree: text;
 * actions {@code {{pipeline}}} with the dash trim markers and comments; {@code if}
 * / {@code else if} / {@code else}, {@code range} (with {@code $i, $e :=}, {@code else}, {@code break},
 * {@code continue}) and {@code with} blocks ending in {@code end}; pipelines of commands joined by {@code |}; fields
 * ({@code .a.b}), {@code .}, variables ({@code $}, {@code $x}, {@code $x.a}, declared with {@code :=}, assigned with
 * {@code =}), string, raw-string, number, boolean and {@code nil} literals, parenthesised pipelines, and the functions
 * {@link GoTemplateRun} knows. Anything else of Go's language ({@code define}, {@code template}, {@code block},
 * character constants, method calls…) is refused with an {@code eval_builtin_error} naming it.
 */
final class GoTemplate {
    static final int MAX_TEMPLATE = 64 * 1024;
    private static final Set<String> UNSUPPORTED = Set.of("define", "template", "block", "html", "js", "urlquery",
            "call", "slice");

    sealed interface Node permits Text, Action, If, Range, With, Break, Continue {
    }

    record Text(String text) implements Node {
    }

    record Action(Pipeline pipeline) implements Node {
    }

    record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {
    }

    record With(Pipeline value, List<Node> body, List<Node> otherwise) implements Node {
    }

    record Range(Pipeline over, String keyVariable, String valueVariable, List<Node> body, List<Node> otherwise)
            implements Node {
    }

    record Break() implements Node {
    }

    record Continue() implements Node {
    }

    /** Commands joined by {@code |}; {@code variables} are declared ({@code :=}) or assigned ({@code =}) its value. */
    record Pipeline(List<String> variables, boolean declare, List<List<Arg>> commands) {
    }

    sealed interface Arg permits Field, Literal, Function, Nested {
    }

    /** {@code .a.b} (base null: dot), {@code $x.a} (base "$x"), {@code $} (base "$", no path). */
    record Field(String base, List<String> path) implements Arg {
    }

    record Literal(Value value) implements Arg {
    }

    record Function(String name) implements Arg {
    }

    record Nested(Pipeline pipeline) implements Arg {
    }

    private final String src;
    private int pos;
    private boolean trimNextText;

    private GoTemplate(String src) {
        this.src = src;
    }

    static List<Node> parse(String template) {
        if (template.length() > MAX_TEMPLATE) {
            throw BuiltinException.failed("template too long");
        }
        var parser = new GoTemplate(template);
        var nodes = new ArrayList<Node>();
        String end = parser.nodes(nodes, 0);
        if (end != null) {
            throw error("unexpected {{" + end + "}}");
        }
        return nodes;
    }

    static BuiltinException error(String message) {
        return BuiltinException.failed("template: " + message);
    }

    /** Parses nodes until the end of the template (returns null) or a {@code {{end}}} / {@code {{else…}}} (returns it). */
    private String nodes(List<Node> out, int depth) {
        if (depth > 50) {
            throw error("blocks nested too deeply");
        }
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            String text = src.substring(pos, open < 0 ? src.length() : open);
            if (trimNextText) {
                text = text.stripLeading();
                trimNextText = false;
            }
            if (open < 0) {
                addText(out, text);
                pos = src.length();
                return null;
            }
            pos = open + 2;
            if (src.startsWith("- ", pos) || src.startsWith("-\t", pos) || src.startsWith("-\n", pos)) {
                text = text.stripTrailing();
                pos += 1;
            }
            addText(out, text);
            skipSpace();
            if (src.startsWith("/*", pos)) {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error("unclosed comment");
                }
                pos = close + 2;
                closeAction();
                continue;
            }
            String keyword = peekWord();
            switch (keyword) {
                case "end" -> {
                    pos += 3;
                    closeAction();
                    return "end";
                }
                case "else" -> {
                    pos += 4;
                    skipSpace();
                    String chained = peekWord();
                    if (chained.equals("if") || chained.equals("with")) {
                        return "else " + chained;
                    }
                    closeAction();
                    return "else";
                }
                case "if", "with" -> out.add(conditional(keyword, depth));
                case "range" -> out.add(range(depth));
                case "break", "continue" -> {
                    pos += keyword.length();
                    closeAction();
                    out.add(keyword.equals("break") ? new Break() : new Continue());
                }
                default -> {
                    if (UNSUPPORTED.contains(keyword)) {
                        throw error("\"" + keyword + "\" is not supported");
                    }
                    Pipeline p = pipeline(true);
                    closeAction();
                    out.add(new Action(p));
                }
            }
        }
        return null;
    }

    private static void addText(List<Node> out, String text) {
        if (!text.isEmpty()) {
            out.add(new Text(text));
        }
    }

    /** {@code if} or {@code with} after its keyword, through its else chain to its end. */
    private Node conditional(String keyword, int depth) {
        pos += keyword.length();
        Pipeline condition = pipeline(true);
        closeAction();
        var then = new ArrayList<Node>();
        String end = nodes(then, depth + 1);
        var otherwise = new ArrayList<Node>();
        if (end == null) {
            throw error("unexpected EOF in " + keyword);
        }
        if (end.equals("else")) {
            end = nodes(otherwise, depth + 1);
            if (!"end".equals(end)) {
                throw error("expected {{end}} after {{else}} of " + keyword);
            }
        } else if (end.startsWith("else ")) {
            // {{else if …}} / {{else with …}}: a nested block that shares this block's {{end}}
            otherwise.add(conditional(end.substring(5), depth + 1));
        }
        return keyword.equals("if") ? new If(condition, then, otherwise) : new With(condition, then, otherwise);
    }

    private Node range(int depth) {
        pos += 5;
        Pipeline over = pipeline(true);
        closeAction();
        String key = null;
        String value = null;
        if (over.variables().size() == 1) {
            value = over.variables().get(0);
        } else if (over.variables().size() == 2) {
            key = over.variables().get(0);
            value = over.variables().get(1);
        }
        var body = new ArrayList<Node>();
        String end = nodes(body, depth + 1);
        var otherwise = new ArrayList<Node>();
        if ("else".equals(end)) {
            end = nodes(otherwise, depth + 1);
        }
        if (!"end".equals(end)) {
            throw error("expected {{end}} of range");
        }
        return new Range(new Pipeline(List.of(), false, over.commands()), key, value, body, otherwise);
    }

    /** A pipeline, optionally with a {@code $x :=} / {@code $x, $y :=} / {@code $x =} head. */
    private Pipeline pipeline(boolean allowDeclaration) {
        skipSpace();
        var variables = new ArrayList<String>();
        boolean declare = false;
        int save = pos;
        if (allowDeclaration && peek() == '$') {
            String first = variableName();
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                variables.add(first);
                variables.add(variableName());
                skipSpace();
            } else {
                variables.add(first);
            }
            if (src.startsWith(":=", pos)) {
                declare = true;
                pos += 2;
            } else if (peek() == '=' && variables.size() == 1) {
                pos += 1;
            } else {
                variables.clear();
                pos = save;
            }
        }
        var commands = new ArrayList<List<Arg>>();
        while (true) {
            commands.add(command());
            skipSpace();
            if (peek() != '|') {
                break;
            }
            pos++;
        }
        return new Pipeline(variables, declare, commands);
    }

    private List<Arg> command() {
        var args = new ArrayList<Arg>();
        while (true) {
            skipSpace();
            char c = peek();
            if (c == 0 || c == '|' || c == ')' || atClose()) {
                break;
            }
            args.add(arg());
        }
        if (args.isEmpty()) {
            throw error("missing value for command");
        }
        return args;
    }

    private Arg arg() {
        char c = peek();
        if (c == '(') {
            pos++;
            Pipeline inner = pipeline(false);
            skipSpace();
            if (peek() != ')') {
                throw error("unclosed left paren");
            }
            pos++;
            return path(new Nested(inner));
        }
        if (c == '.') {
            return new Field(null, fieldPath());
        }
        if (c == '$') {
            String name = variableName();
            return new Field(name, peek() == '.' ? fieldPath() : List.of());
        }
        if (c == '"') {
            return new Literal(new StringValue(quoted()));
        }
        if (c == '`') {
            int close = src.indexOf('`', pos + 1);
            if (close < 0) {
                throw error("unterminated raw quoted string");
            }
            String s = src.substring(pos + 1, close);
            pos = close + 1;
            return new Literal(new StringValue(s));
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return new Literal(number());
        }
        String word = peekWord();
        if (word.isEmpty()) {
            throw error("unexpected \"" + c + "\" in command");
        }
        pos += word.length();
        return switch (word) {
            case "true", "false" -> new Literal(dev.arca.rego.value.BoolValue.of(word.equals("true")));
            case "nil" -> new Literal(NullValue.NULL);
            default -> {
                if (!GoTemplateRun.FUNCTIONS.contains(word)) {
                    throw error("function \"" + word + "\" not defined" + (UNSUPPORTED.contains(word) ? " (not supported)" : ""));
                }
                yield new Function(word);
            }
        };
    }

    /** A parenthesised pipeline followed by {@code .field}s is not supported; the pipeline alone is. */
    private Arg path(Nested nested) {
        if (peek() == '.') {
            throw error("field access on a parenthesised pipeline is not supported");
        }
        return nested;
    }

    private List<String> fieldPath() {
        var path = new ArrayList<String>();
        while (peek() == '.') {
            pos++;
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                if (path.isEmpty()) {
                    return path;
                }
                throw error("bad field name");
            }
            path.add(src.substring(start, pos));
        }
        return path;
    }

    private String variableName() {
        int start = pos;
        pos++;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private String quoted() {
        var out = new StringBuilder();
        pos++;
        while (pos < src.length() && src.charAt(pos) != '"') {
            char c = src.charAt(pos++);
            if (c == '\n') {
                throw error("unterminated quoted string");
            }
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\', '"' -> out.append(e);
                    case 'u' -> {
                        if (pos + 4 > src.length()) {
                            throw error("bad escape in quoted string");
                        }
                        out.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("unsupported escape \\" + e + " in quoted string");
                }
            } else {
                out.append(c);
            }
        }
        if (pos >= src.length()) {
            throw error("unterminated quoted string");
        }
        pos++;
        return out.toString();
    }

    private Value number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                || src.charAt(pos) == '_' || ((src.charAt(pos) == '-' || src.charAt(pos) == '+')
                && Character.toLowerCase(src.charAt(pos - 1)) == 'e'))) {
            pos++;
        }
        String text = src.substring(start, pos);
        try {
            return new NumberValue(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            throw error("number syntax not supported: " + text);
        }
    }

    private void closeAction() {
        skipSpace();
        if (src.startsWith("-}}", pos)) {
            pos += 3;
            trimNextText = true;
            return;
        }
        if (src.startsWith("}}", pos)) {
            pos += 2;
            return;
        }
        throw error(pos >= src.length() ? "unclosed action" : "unexpected \"" + peek() + "\" in action");
    }

    private boolean atClose() {
        return src.startsWith("}}", pos) || src.startsWith("-}}", pos);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : 0;
    }

    private String peekWord() {
        int end = pos;
        while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')
                && !(end == pos && Character.isDigit(src.charAt(end)))) {
            end++;
        }
        return src.substring(pos, end);
    }
}
