package dev.arca.rvps.extractor.intoto;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An artifact-rule path pattern (in-toto spec §4.3.3: "bash-style wildcards"), matched as in-toto's reference
 * implementation does, with Python's {@code fnmatch} semantics: {@code *} matches any run of characters including
 * {@code /}, {@code ?} one character, {@code [seq]} and {@code [!seq]} a character class; case-sensitive; the whole
 * path must match.
 */
record PathPattern(String text, Pattern regex) {

    static PathPattern of(String text) {
        try {
            return new PathPattern(text, Pattern.compile(translate(text), Pattern.DOTALL));
        } catch (PatternSyntaxException | InTotoRefusedException e) {
            // translate() writes no regex syntax from the glob; a reversed range "[z-a]" is refused as fnmatch does
            throw new InTotoRefusedException("the artifact rule pattern \"" + text + "\" is not a valid pattern");
        }
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int end = classEnd(glob, i);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        regex.append(characterClass(glob.substring(i, end)));
                        i = end + 1;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Index of the {@code ]} closing a class whose contents start at {@code start}, or -1 (then {@code [} is literal). */
    private static int classEnd(String glob, int start) {
        int j = start;
        if (j < glob.length() && glob.charAt(j) == '!') {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++; // a leading ] is a member, as in fnmatch
        }
        while (j < glob.length() && glob.charAt(j) != ']') {
            j++;
        }
        return j < glob.length() ? j : -1;
    }

    /**
     * A regex class for fnmatch's {@code [seq]}: ranges {@code a-z} kept, every other member a literal; every bound is
     * written as a letter/digit or {@code \x{…}}, so nothing in the glob can act as regex syntax.
     */
    private static String characterClass(String members) {
        StringBuilder out = new StringBuilder("[");
        int k = 0;
        if (members.startsWith("!")) {
            out.append('^');
            k = 1;
        }
        while (k < members.length()) {
            char first = members.charAt(k);
            if (k + 2 < members.length() && members.charAt(k + 1) == '-') {
                char last = members.charAt(k + 2);
                if (last < first) {
                    // fnmatch refuses it too ("bad character range"); a regex would not compile
                    throw new InTotoRefusedException("the artifact rule pattern has the reversed range [" + first
                            + "-" + last + "]");
                }
                out.append(literal(first)).append('-').append(literal(last));
                k += 3;
            } else {
                out.append(literal(first));
                k++;
            }
        }
        return out.append(']').toString();
    }

    private static String literal(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\x{" + Integer.toHexString(c) + "}";
    }

    @Override
    public String toString() {
        return text;
    }
}
