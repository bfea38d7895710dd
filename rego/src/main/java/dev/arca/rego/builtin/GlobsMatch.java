package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * {@code regex.globs_match(glob1, glob2)}: whether some non-empty string matches both globs. The globs are OPA's
 * "glob-style regular expressions", matched against the whole string, with only these symbols special: {@code .} any
 * character, {@code *} zero or more and {@code +} one or more of the preceding symbol, {@code [a-z0-9]} classes with
 * ranges, and {@code \} escaping the next character; everything else is literal.
 *
 * <p>The answer is exact: each glob is a small nondeterministic automaton (state {@code i} = the first {@code i}
 * symbols matched; a starred symbol loops on its state or is skipped), and a breadth-first search over pairs of
 * states looks for a common non-empty accepted string. No automaton is determinised, so the work is bounded by the
 * product of the globs' lengths (a general automata library was measured to take exponential-looking time on globs of
 * a few dozen stars, which a policy's input could supply). Characters are UTF-16 units.
 */
final class GlobsMatch {
    /** The search visits at most 2 × (n₁ + 1) × (n₂ + 1) states: bound n (512 × 512 × 2 ≈ half a million). */
    private static final int MAX_GLOB = 512;

    /** One symbol: the characters it matches (inclusive ranges) and whether it repeats (zero or more times). */
    record Symbol(char[] ranges, boolean star) {
        boolean overlaps(Symbol other) {
            for (int a = 0; a < ranges.length; a += 2) {
                for (int b = 0; b < other.ranges.length; b += 2) {
                    if (ranges[a] <= other.ranges[b + 1] && other.ranges[b] <= ranges[a + 1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private GlobsMatch() {
    }

    static void register(Builtins.Registry r) {
        r.add2("regex.globs_match", a -> BoolValue.of(intersect(symbols(Args.string(a, 0)), symbols(Args.string(a, 1)))));
    }

    /** Whether a non-empty string is accepted by both symbol sequences. */
    static boolean intersect(List<Symbol> left, List<Symbol> right) {
        int width = right.size() + 1;
        int states = (left.size() + 1) * width;
        var seen = new BitSet(states * 2);
        var queue = new ArrayDeque<int[]>();
        queue.add(new int[] {0, 0, 0});
        seen.set(0);
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            int i = s[0];
            int j = s[1];
            int consumed = s[2];
            if (i == left.size() && j == right.size() && consumed == 1) {
                return true;
            }
            Symbol l = i < left.size() ? left.get(i) : null;
            Symbol r = j < right.size() ? right.get(j) : null;
            if (l != null && l.star()) {
                visit(queue, seen, i + 1, j, consumed, width, states);
            }
            if (r != null && r.star()) {
                visit(queue, seen, i, j + 1, consumed, width, states);
            }
            if (l != null && r != null && l.overlaps(r)) {
                visit(queue, seen, l.star() ? i : i + 1, r.star() ? j : j + 1, 1, width, states);
            }
        }
        return false;
    }

    private static void visit(ArrayDeque<int[]> queue, BitSet seen, int i, int j, int consumed, int width, int states) {
        int index = consumed * states + i * width + j;
        if (!seen.get(index)) {
            seen.set(index);
            queue.add(new int[] {i, j, consumed});
        }
    }

    /** The symbols of a glob; {@code x+} becomes {@code x} then {@code x*}. */
    static List<Symbol> symbols(String glob) {
        if (glob.length() > MAX_GLOB) {
            throw BuiltinException.failed("glob over " + MAX_GLOB + " characters");
        }
        var out = new ArrayList<Symbol>();
        boolean repeatable = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' || c == '+') {
                if (!repeatable) {
                    throw BuiltinException.failed("glob " + quoted(glob) + ": " + c + " must follow a symbol");
                }
                Symbol last = out.removeLast();
                if (c == '+') {
                    out.add(last);
                }
                out.add(new Symbol(last.ranges(), true));
                repeatable = false;
                i++;
                continue;
            }
            switch (c) {
                case '.' -> {
                    out.add(new Symbol(new char[] {Character.MIN_VALUE, Character.MAX_VALUE}, false));
                    i++;
                }
                case '[' -> i = characterClass(glob, i, out);
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw BuiltinException.failed("glob " + quoted(glob) + ": trailing escape");
                    }
                    char e = glob.charAt(i + 1);
                    out.add(new Symbol(new char[] {e, e}, false));
                    i += 2;
                }
                default -> {
                    out.add(new Symbol(new char[] {c, c}, false));
                    i++;
                }
            }
            repeatable = true;
        }
        return out;
    }

    /** A {@code [...]} class starting at {@code open}; returns the index after its {@code ]}. */
    private static int characterClass(String glob, int open, List<Symbol> out) {
        var ranges = new StringBuilder();
        int i = open + 1;
        while (i < glob.length() && glob.charAt(i) != ']') {
            char from = glob.charAt(i);
            if (from == '\\' && i + 1 < glob.length()) {
                from = glob.charAt(++i);
            }
            i++;
            char to = from;
            if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
                to = glob.charAt(i + 1);
                i += 2;
                if (to == '\\' && i < glob.length()) {
                    to = glob.charAt(i++);
                }
                if (to < from) {
                    throw BuiltinException.failed("glob " + quoted(glob) + ": invalid range " + from + "-" + to);
                }
            }
            ranges.append(from).append(to);
        }
        if (i >= glob.length()) {
            throw BuiltinException.failed("glob " + quoted(glob) + ": unterminated character class");
        }
        if (ranges.isEmpty()) {
            throw BuiltinException.failed("glob " + quoted(glob) + ": empty character class");
        }
        out.add(new Symbol(ranges.toString().toCharArray(), false));
        return i + 1;
    }

    private static String quoted(String glob) {
        return glob.length() > 64 ? "\"" + glob.substring(0, 64) + "…\"" : "\"" + glob + "\"";
    }
}
