package dev.arca.rego.syntax;

import dev.arca.rego.syntax.Expr.Assign;
import dev.arca.rego.syntax.Expr.Block;
import dev.arca.rego.syntax.Expr.Every;
import dev.arca.rego.syntax.Expr.SomeDecl;
import dev.arca.rego.syntax.Expr.SomeIn;
import dev.arca.rego.syntax.Expr.TermExpr;
import dev.arca.rego.syntax.Expr.Unify;
import dev.arca.rego.syntax.Term.ArrayCompr;
import dev.arca.rego.syntax.Term.ArrayTerm;
import dev.arca.rego.syntax.Term.Call;
import dev.arca.rego.syntax.Term.Entry;
import dev.arca.rego.syntax.Term.ObjectCompr;
import dev.arca.rego.syntax.Term.ObjectTerm;
import dev.arca.rego.syntax.Term.Ref;
import dev.arca.rego.syntax.Term.Scalar;
import dev.arca.rego.syntax.Term.SetCompr;
import dev.arca.rego.syntax.Term.SetTerm;
import dev.arca.rego.syntax.Term.Var;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for Rego modules and queries: the rego.v1 syntax ({@code if}, {@code contains},
 * {@code in}, {@code every}, {@code some}) and the v0 forms upstream policies still use ({@code default allow = false},
 * {@code allow { ... }}, {@code p[x] { ... }} for partial sets). Operator precedence follows OPA's grammar, lowest
 * first: {@code = :=}, {@code in}, comparisons, {@code |}, {@code &}, {@code + -}, {@code * / %}.
 */
public final class Parser {
    /** Deep nesting is refused before it can exhaust the stack. */
    private static final int MAX_DEPTH = 200;
    private static final Set<String> KEYWORDS = Set.of("package", "import", "default", "else", "not", "with", "as",
            "some", "every", "in", "if", "contains", "true", "false", "null");
    private static final Map<String, String> RELATIONS = Map.of("==", "equal", "!=", "neq", "<", "lt", ">", "gt",
            "<=", "lte", ">=", "gte");

    private final List<Token> tokens;
    private int pos;
    private int wildcards;
    /** Inside ( [ { of a term, newlines do not end an expression. */
    private int bracketDepth;
    /** While parsing the head of a comprehension, {@code |} ends the term instead of meaning set union. */
    private boolean barEndsTerm;
    private int depth;
    /** {@code not { … }} is a not-body in modules that import it (future.keywords.not, rego.v2). */
    private boolean notBodies;

    private Parser(String text) {
        this.tokens = Lexer.tokens(text);
    }

    /** Parses a policy module. */
    public static Module module(String text) {
        return new Parser(text).parseModule();
    }

    /** Parses a query such as {@code data.p.allow = x}. */
    public static Body query(String text) {
        var p = new Parser(text);
        var literals = p.literals(true);
        p.expectEnd();
        return new Body(literals);
    }

    // ---- module level ----

    private Module parseModule() {
        if (!peek().is("package")) {
            throw error(peek(), "expected 'package'");
        }
        next();
        List<String> pkg = refPath(next(), "package");
        var imports = new ArrayList<Module.Import>();
        while (peek().is("import")) {
            Token kw = next();
            List<String> path = refPath(next(), "import");
            String alias = null;
            if (peek().is("as") && !peek().newlineBefore()) {
                next();
                alias = ident(next(), "import alias");
            }
            String root = path.get(0);
            if (!Set.of("data", "input", "future", "rego").contains(root)) {
                throw error(kw, "invalid import path: must begin with input or data");
            }
            imports.add(new Module.Import(path, alias, kw.at()));
            notBodies |= path.equals(List.of("future", "keywords", "not")) || path.equals(List.of("rego", "v2"));
        }
        var rules = new ArrayList<Rule>();
        while (peek().kind() != Token.Kind.EOF) {
            rules.addAll(rule());
        }
        return new Module(List.copyOf(pkg), List.copyOf(imports), List.copyOf(rules));
    }

    /** {@code a.b["c"]} as a list of names, for package and import paths. */
    private List<String> refPath(Token first, String what) {
        var path = new ArrayList<String>();
        path.add(ident(first, what + " path"));
        while (true) {
            Token t = peek();
            if (t.is(".") && !t.spaceBefore()) {
                next();
                path.add(identOrKeyword(next(), what + " path"));
            } else if (t.is("[") && !t.spaceBefore()) {
                next();
                Token s = next();
                if (s.kind() != Token.Kind.STRING && s.kind() != Token.Kind.RAW_STRING) {
                    throw error(s, "expected string in " + what + " path");
                }
                path.add(s.text());
                expect("]");
            } else {
                return path;
            }
        }
    }

    private List<Rule> rule() {
        Token start = peek();
        boolean isDefault = false;
        if (start.is("default")) {
            next();
            isDefault = true;
        }
        Token nameTok = next();
        String name = ident(nameTok, "rule name");
        var ref = new ArrayList<Term>();
        ref.add(new Scalar(new StringValue(name), nameTok.at()));
        boolean lastBracket = false;
        while (true) {
            Token t = peek();
            if (t.is(".") && !t.spaceBefore()) {
                next();
                Token n = next();
                ref.add(new Scalar(new StringValue(identOrKeyword(n, "rule reference")), n.at()));
                lastBracket = false;
            } else if (t.is("[") && !t.spaceBefore()) {
                next();
                lastBracket = true;
                ref.add(nested(() -> inExpr(false)));
                expect("]");
            } else {
                break;
            }
        }
        List<Term> args = null;
        if (peek().is("(") ) {
            next();
            args = new ArrayList<>();
            bracketDepth++;
            if (!peek().is(")")) {
                do {
                    args.add(term());
                } while (accept(","));
            }
            bracketDepth--;
            expect(")");
        }
        Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.SINGLE;
        Term key = null;
        Term value = null;
        if (peek().is("contains") && args == null) {
            next();
            kind = Rule.Kind.MULTI;
            key = inExpr(false);
        } else if (peek().is(":=") || peek().is("=")) {
            next();
            value = inExpr(false);
        }
        boolean hasIf = accept("if");
        if (isDefault) {
            if (value == null || hasIf || kind == Rule.Kind.MULTI) {
                throw error(start, "default rule must have a value and no body");
            }
            return List.of(new Rule(kind, true, ref, args == null ? List.of() : args, null,
                    List.of(new Rule.Clause(value, new Body(List.of()))), start.at()));
        }
        // v0: p[x] { ... } without a value is a partial set
        if (kind == Rule.Kind.SINGLE && value == null && !hasIf && lastBracket && peek().is("{")) {
            kind = Rule.Kind.MULTI;
            key = ref.remove(ref.size() - 1);
        }
        if (kind == Rule.Kind.SINGLE && value == null) {
            value = new Scalar(BoolValue.TRUE, nameTok.at());
        }
        if (kind == Rule.Kind.FUNCTION && value == null) {
            value = new Scalar(BoolValue.TRUE, nameTok.at());
        }
        var bodies = new ArrayList<Body>();
        Body first = ruleBody(hasIf);
        if (first == null) {
            first = new Body(List.of());
        } else {
            // v0 allows several bodies after one head: p { a } { b } defines p twice
            while (peek().is("{") && !hasIf) {
                bodies.add(ruleBody(false));
            }
        }
        var clauses = new ArrayList<Rule.Clause>();
        clauses.add(new Rule.Clause(value, first));
        while (peek().is("else")) {
            Token e = next();
            if (kind == Rule.Kind.MULTI) {
                throw error(e, "else keyword cannot be used on multi-value rules");
            }
            Term elseValue = new Scalar(BoolValue.TRUE, e.at());
            if (peek().is(":=") || peek().is("=")) {
                next();
                elseValue = inExpr(false);
            }
            boolean elseIf = accept("if");
            Body b = ruleBody(elseIf);
            clauses.add(new Rule.Clause(elseValue, b == null ? new Body(List.of()) : b));
        }
        var out = new ArrayList<Rule>();
        out.add(new Rule(kind, false, List.copyOf(ref), args == null ? List.of() : List.copyOf(args), key,
                List.copyOf(clauses), start.at()));
        for (Body extra : bodies) {
            out.add(new Rule(kind, false, List.copyOf(ref), args == null ? List.of() : List.copyOf(args), key,
                    List.of(new Rule.Clause(value, extra)), start.at()));
        }
        return out;
    }

    /** A braced body, or after {@code if} a single literal; null when there is no body. */
    private Body ruleBody(boolean afterIf) {
        if (afterIf && peek().is("{")) {
            // `if {` opens a body, unless what follows is a single literal starting with an object or set
            int save = pos;
            int savedWildcards = wildcards;
            try {
                return bracedBody();
            } catch (RegoParseException asBody) {
                pos = save;
                wildcards = savedWildcards;
                try {
                    return new Body(List.of(literal()));
                } catch (RegoParseException asLiteral) {
                    throw asBody;
                }
            }
        }
        if (peek().is("{")) {
            return bracedBody();
        }
        if (afterIf) {
            return new Body(List.of(literal()));
        }
        return null;
    }

    private Body bracedBody() {
        {
            next();
            int savedDepth = bracketDepth;
            boolean savedBar = barEndsTerm;
            bracketDepth = 0;
            barEndsTerm = false;
            var literals = literals(false);
            bracketDepth = savedDepth;
            barEndsTerm = savedBar;
            expect("}");
            return new Body(literals);
        }
    }

    // ---- bodies and literals ----

    private List<Literal> literals(boolean topLevel) {
        var out = new ArrayList<Literal>();
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOF || (!topLevel && (t.is("}") || t.is("]")))) {
                if (out.isEmpty()) {
                    throw error(t, topLevel ? "empty query" : "found empty body");
                }
                return out;
            }
            out.add(literal());
            Token after = peek();
            if (after.is(";")) {
                next();
            } else if (after.kind() == Token.Kind.EOF || after.is("}") || after.is("]")) {
                // end of body
            } else if (!after.newlineBefore()) {
                throw error(after, "unexpected " + describe(after) + " token: expected \\n or ; or }");
            }
        }
    }

    private Literal literal() {
        Token start = peek();
        if (++depth > MAX_DEPTH) {
            throw error(start, "nesting too deep");
        }
        try {
            boolean negated = accept("not");
            Expr expr;
            if (!negated && start.is("some")) {
                expr = some();
            } else if (!negated && start.is("every")) {
                expr = every();
            } else if (negated && notBodies && peek().is("{")) {
                expr = notBody();
            } else {
                expr = expression();
            }
            var withs = new ArrayList<Literal.With>();
            while (peek().is("with")) {
                next();
                Term target = term();
                if (!peek().is("as")) {
                    throw error(peek(), "expected 'as' in with modifier");
                }
                next();
                Term value = inExpr(false);
                withs.add(new Literal.With(target, value));
            }
            return new Literal(negated, expr, List.copyOf(withs), start.at());
        } finally {
            depth--;
        }
    }

    /** A braced body after {@code not}; an object literal ({@code not {"a": 1}}) stays a term. */
    private Expr notBody() {
        int save = pos;
        int savedWildcards = wildcards;
        try {
            return new Block(bracedBody());
        } catch (RegoParseException asBody) {
            pos = save;
            wildcards = savedWildcards;
            try {
                return expression();
            } catch (RegoParseException asTerm) {
                throw asBody;
            }
        }
    }

    private Expr some() {
        next();
        var terms = new ArrayList<Term>();
        do {
            terms.add(relation());
        } while (accept(","));
        if (accept("in")) {
            if (terms.size() > 2) {
                throw error(peek(), "unexpected , in some declaration");
            }
            Term collection = relation();
            return terms.size() == 1 ? new SomeIn(null, terms.get(0), collection)
                    : new SomeIn(terms.get(0), terms.get(1), collection);
        }
        var vars = new ArrayList<Var>();
        for (Term t : terms) {
            if (!(t instanceof Var v)) {
                throw error(t.at(), "expected var in some declaration");
            }
            vars.add(v);
        }
        return new SomeDecl(List.copyOf(vars));
    }

    private Expr every() {
        Token kw = next();
        Term first = term();
        Term second = null;
        if (accept(",")) {
            second = term();
        }
        if (!accept("in")) {
            throw error(peek(), "expected 'in' in every expression");
        }
        Term domain = relation();
        if (!peek().is("{")) {
            throw error(peek(), "expected '{' after every domain");
        }
        Body body = ruleBody(false);
        Var key = second == null ? null : asVar(first, kw);
        Var value = asVar(second == null ? first : second, kw);
        return new Every(key, value, domain, body);
    }

    private Var asVar(Term t, Token kw) {
        if (t instanceof Var v) {
            return v;
        }
        throw error(t.at(), "every must be followed by variables");
    }

    private Expr expression() {
        Term lhs = inExpr(true);
        Token op = peek();
        if ((op.is(":=") || op.is("=")) && continues(op)) {
            next();
            Term rhs = inExpr(false);
            return op.is(":=") ? new Assign(lhs, rhs) : new Unify(lhs, rhs);
        }
        return new TermExpr(lhs);
    }

    /** Whether an infix operator continues the current expression (a newline outside brackets ends it). */
    private boolean continues(Token op) {
        return bracketDepth > 0 || !op.newlineBefore();
    }

    // ---- terms by precedence ----

    private Term inExpr(boolean keyValue) {
        Term lhs = relation();
        if (keyValue && peek().is(",")) {
            Token comma = next();
            Term mid = relation();
            if (!peek().is("in")) {
                throw error(comma, "unexpected , token");
            }
            next();
            Term rhs = relation();
            lhs = new Call("internal.member_3", List.of(lhs, mid, rhs), lhs.at());
        }
        while (peek().is("in") && continues(peek())) {
            next();
            Term rhs = relation();
            lhs = new Call("internal.member_2", List.of(lhs, rhs), lhs.at());
        }
        return lhs;
    }

    private Term relation() {
        Term lhs = or();
        while (peek().kind() == Token.Kind.PUNCT && RELATIONS.containsKey(peek().text()) && continues(peek())) {
            String op = RELATIONS.get(next().text());
            lhs = new Call(op, List.of(lhs, or()), lhs.at());
        }
        return lhs;
    }

    private Term or() {
        Term lhs = and();
        while (peek().is("|") && !barEndsTerm && continues(peek())) {
            next();
            lhs = new Call("or", List.of(lhs, and()), lhs.at());
        }
        return lhs;
    }

    private Term and() {
        Term lhs = arith();
        while (peek().is("&") && continues(peek())) {
            next();
            lhs = new Call("and", List.of(lhs, arith()), lhs.at());
        }
        return lhs;
    }

    private Term arith() {
        Term lhs = factor();
        while ((peek().is("+") || peek().is("-")) && continues(peek())) {
            String op = next().is("+") ? "plus" : "minus";
            lhs = new Call(op, List.of(lhs, factor()), lhs.at());
        }
        return lhs;
    }

    private Term factor() {
        Term lhs = term();
        while ((peek().is("*") || peek().is("/") || peek().is("%")) && continues(peek())) {
            Token op = next();
            String name = op.is("*") ? "mul" : op.is("/") ? "div" : "rem";
            lhs = new Call(name, List.of(lhs, term()), lhs.at());
        }
        return lhs;
    }

    private Term term() {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "nesting too deep");
        }
        try {
            return refSuffixes(primary());
        } finally {
            depth--;
        }
    }

    private Term primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return new Scalar(new NumberValue(decimal(t)), t.at());
            }
            case STRING, RAW_STRING -> {
                return new Scalar(new StringValue(t.text()), t.at());
            }
            case EOF -> throw error(t, "unexpected eof token");
            case IDENT -> {
                return identTerm(t);
            }
            case PUNCT -> {
                return switch (t.text()) {
                    case "(" -> {
                        // (k, v in xs) is a membership test; a comma means nothing else inside parentheses
                        Term inner = nested(() -> inExpr(true));
                        expect(")");
                        yield inner;
                    }
                    case "[" -> array(t);
                    case "{" -> braces(t);
                    case "-" -> negative(t);
                    default -> throw error(t, "unexpected " + describe(t) + " token");
                };
            }
        }
        throw error(t, "unexpected token");
    }

    private Term negative(Token minus) {
        Token n = peek();
        if (n.kind() == Token.Kind.NUMBER && !n.spaceBefore()) {
            next();
            return new Scalar(new NumberValue(decimal(n).negate()), minus.at());
        }
        Term operand = term();
        return new Call("minus", List.of(new Scalar(NumberValue.of(0), minus.at()), operand), minus.at());
    }

    private static BigDecimal decimal(Token t) {
        try {
            return new BigDecimal(t.text());
        } catch (NumberFormatException e) {
            throw new RegoParseException(t.at(), "number out of range");
        }
    }

    private Term identTerm(Token t) {
        switch (t.text()) {
            case "true" -> {
                return new Scalar(BoolValue.TRUE, t.at());
            }
            case "false" -> {
                return new Scalar(BoolValue.FALSE, t.at());
            }
            case "null" -> {
                return new Scalar(NullValue.NULL, t.at());
            }
            default -> {
            }
        }
        if (KEYWORDS.contains(t.text()) && !peek().is("(")) {
            throw error(t, "unexpected " + t.text() + " keyword");
        }
        if (t.text().equals("_")) {
            return new Var("$_" + (wildcards++), t.at());
        }
        // a dotted name directly followed by ( is a call: count(x), strings.any_prefix_match(a, b), data.lib.f(x)
        int save = pos;
        var name = new StringBuilder(t.text());
        while (peek().is(".") && !peek().spaceBefore() && peekAt(1).kind() == Token.Kind.IDENT) {
            next();
            name.append('.').append(next().text());
        }
        if (peek().is("(") && !peek().spaceBefore()) {
            next();
            var args = new ArrayList<Term>();
            bracketDepth++;
            boolean savedBar = barEndsTerm;
            barEndsTerm = false;
            // a trailing comma is allowed, as in array and object literals: f(a,\n b,\n)
            while (!peek().is(")")) {
                args.add(inExpr(false));
                if (!accept(",")) {
                    break;
                }
            }
            barEndsTerm = savedBar;
            bracketDepth--;
            expect(")");
            if (name.toString().equals("set") && args.isEmpty()) {
                return new SetTerm(List.of(), t.at());
            }
            return new Call(name.toString(), List.copyOf(args), t.at());
        }
        pos = save;
        return new Var(t.text(), t.at());
    }

    private Term refSuffixes(Term head) {
        var path = new ArrayList<Term>();
        while (true) {
            Token t = peek();
            if (t.is(".") && !t.spaceBefore()) {
                next();
                Token n = next();
                path.add(new Scalar(new StringValue(identOrKeyword(n, "reference")), n.at()));
            } else if (t.is("[") && !t.spaceBefore()) {
                next();
                path.add(nested(() -> inExpr(false)));
                expect("]");
            } else {
                break;
            }
        }
        if (path.isEmpty()) {
            return head;
        }
        if (head instanceof Scalar s) {
            throw error(s.at(), "illegal ref (head cannot be " + s.value().typeName() + ")");
        }
        if (head instanceof Ref r) {
            var all = new ArrayList<>(r.path());
            all.addAll(path);
            return new Ref(r.head(), List.copyOf(all), r.at());
        }
        return new Ref(head, List.copyOf(path), head.at());
    }

    private Term array(Token open) {
        if (accept("]")) {
            return new ArrayTerm(List.of(), open.at());
        }
        Term first = headTerm();
        if (peek().is("|")) {
            next();
            Body body = comprehensionBody("]");
            return new ArrayCompr(first, body, open.at());
        }
        var items = new ArrayList<Term>();
        items.add(first);
        bracketDepth++;
        while (accept(",")) {
            if (peek().is("]")) {
                break;
            }
            items.add(inExpr(false));
        }
        bracketDepth--;
        expect("]");
        return new ArrayTerm(List.copyOf(items), open.at());
    }

    private Term braces(Token open) {
        if (accept("}")) {
            return new ObjectTerm(List.of(), open.at());
        }
        Term first = headTerm();
        if (peek().is(":")) {
            next();
            Term value = headTerm();
            if (peek().is("|")) {
                next();
                Body body = comprehensionBody("}");
                return new ObjectCompr(first, value, body, open.at());
            }
            var entries = new ArrayList<Entry>();
            entries.add(new Entry(first, value));
            bracketDepth++;
            while (accept(",")) {
                if (peek().is("}")) {
                    break;
                }
                Term k = inExpr(false);
                expect(":");
                entries.add(new Entry(k, inExpr(false)));
            }
            bracketDepth--;
            expect("}");
            return new ObjectTerm(List.copyOf(entries), open.at());
        }
        if (peek().is("|")) {
            next();
            Body body = comprehensionBody("}");
            return new SetCompr(first, body, open.at());
        }
        var items = new ArrayList<Term>();
        items.add(first);
        bracketDepth++;
        while (accept(",")) {
            if (peek().is("}")) {
                break;
            }
            items.add(inExpr(false));
        }
        bracketDepth--;
        expect("}");
        return new SetTerm(List.copyOf(items), open.at());
    }

    /** The first element inside [ or {: a bar there starts a comprehension body. */
    private Term headTerm() {
        boolean savedBar = barEndsTerm;
        barEndsTerm = true;
        bracketDepth++;
        try {
            return inExpr(false);
        } finally {
            bracketDepth--;
            barEndsTerm = savedBar;
        }
    }

    private Body comprehensionBody(String close) {
        int savedDepth = bracketDepth;
        boolean savedBar = barEndsTerm;
        bracketDepth = 0;
        barEndsTerm = false;
        var literals = literals(false);
        bracketDepth = savedDepth;
        barEndsTerm = savedBar;
        expect(close);
        return new Body(List.copyOf(literals));
    }

    private Term nested(java.util.function.Supplier<Term> inner) {
        bracketDepth++;
        boolean savedBar = barEndsTerm;
        barEndsTerm = false;
        try {
            return inner.get();
        } finally {
            barEndsTerm = savedBar;
            bracketDepth--;
        }
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(String s) {
        if (peek().is(s) && (peek().kind() == Token.Kind.PUNCT || KEYWORDS.contains(s))) {
            next();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        Token t = next();
        if (!t.is(s)) {
            throw error(t, "unexpected " + describe(t) + " token: expected " + s);
        }
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.EOF) {
            throw error(peek(), "unexpected " + describe(peek()) + " token");
        }
    }

    private String ident(Token t, String what) {
        if (t.kind() != Token.Kind.IDENT || KEYWORDS.contains(t.text())) {
            throw error(t, "expected " + what + " but got " + describe(t));
        }
        return t.text();
    }

    private String identOrKeyword(Token t, String what) {
        if (t.kind() != Token.Kind.IDENT) {
            throw error(t, "expected " + what + " but got " + describe(t));
        }
        return t.text();
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "eof";
            case STRING, RAW_STRING -> "string";
            case NUMBER -> "number";
            case IDENT -> KEYWORDS.contains(t.text()) ? t.text() + " keyword" : "ident";
            case PUNCT -> t.text();
        };
    }

    private static RegoParseException error(Token t, String message) {
        return new RegoParseException(t.at(), message);
    }

    private static RegoParseException error(Location at, String message) {
        return new RegoParseException(at, message);
    }
}
