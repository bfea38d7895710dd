package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code regex.globs_match(glob1, glob2)}: whether some non-empty string matches both globs. The globs are OPA's
 * "glob-style regular expressions", matched against the whole string, with only these symbols special: {@code .} any
 * character, {@code *} zero or more and {@code +} one or more of the preceding symbol, {@code [a-z0-9]} classes with
 * ranges, and {@code \} escaping the next character; everything else is literal. The answer is exact, not a heuristic:
 * each glob becomes a finite automaton (dk.brics.automaton) and the intersection, less the empty string, is tested
 * for emptiness.
 */
final class GlobsMatch {
    private static final int MAX_GLOB = 4 * 1024;

    private GlobsMatch() {
    }

    static void register(Builtins.Registry r) {
        r.add2("regex.globs_match", a -> {
            Automaton first = automaton(Args.string(a, 0));
            Automaton second = automaton(Args.string(a, 1));
            return BoolValue.of(!first.intersection(second).minus(Automaton.makeEmptyString()).isEmpty());
        });
    }

    static Automaton automaton(String glob) {
        if (glob.length() > MAX_GLOB) {
            throw BuiltinException.failed("glob too long");
        }
        List<Automaton> sequence = new ArrayList<>();
        boolean lastRepeatable = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*', '+' -> {
                    if (!lastRepeatable) {
                        throw BuiltinException.failed("glob " + quoted(glob) + ": " + c + " must follow a symbol");
                    }
                    Automaton symbol = sequence.removeLast();
                    sequence.add(c == '*' ? symbol.repeat() : symbol.repeat(1));
                    lastRepeatable = false;
                    i++;
                    continue;
                }
                case '.' -> {
                    sequence.add(Automaton.makeAnyChar());
                    i++;
                }
                case '[' -> i = characterClass(glob, i, sequence);
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw BuiltinException.failed("glob " + quoted(glob) + ": trailing escape");
                    }
                    sequence.add(Automaton.makeChar(glob.charAt(i + 1)));
                    i += 2;
                }
                default -> {
                    sequence.add(Automaton.makeChar(c));
                    i++;
                }
            }
            lastRepeatable = true;
        }
        return sequence.isEmpty() ? Automaton.makeEmptyString() : Automaton.concatenate(sequence);
    }

    /** A {@code [...]} class starting at {@code open}; returns the index after its {@code ]}. */
    private static int characterClass(String glob, int open, List<Automaton> sequence) {
        var alternatives = new ArrayList<Automaton>();
        int i = open + 1;
        while (i < glob.length() && glob.charAt(i) != ']') {
            char from = glob.charAt(i);
            if (from == '\\' && i + 1 < glob.length()) {
                from = glob.charAt(++i);
            }
            i++;
            if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
                char to = glob.charAt(i + 1);
                i += 2;
                if (to == '\\' && i < glob.length()) {
                    to = glob.charAt(i++);
                }
                if (to < from) {
                    throw BuiltinException.failed("glob " + quoted(glob) + ": invalid range " + from + "-" + to);
                }
                alternatives.add(Automaton.makeCharRange(from, to));
            } else {
                alternatives.add(Automaton.makeChar(from));
            }
        }
        if (i >= glob.length()) {
            throw BuiltinException.failed("glob " + quoted(glob) + ": unterminated character class");
        }
        if (alternatives.isEmpty()) {
            throw BuiltinException.failed("glob " + quoted(glob) + ": empty character class");
        }
        sequence.add(Automaton.union(alternatives));
        return i + 1;
    }

    private static String quoted(String glob) {
        return glob.length() > 64 ? "\"" + glob.substring(0, 64) + "…\"" : "\"" + glob + "\"";
    }
}
