package dev.arca.rego.builtin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A layout of Go's time package, the form OPA's {@code time.format} and {@code time.parse_ns} take: the reference
 * time Mon Jan 2 15:04:05 MST 2006 written the way times should look ("2006-01-02", "Jan _2 15:04:05.000",
 * "3:04PM", "Z07:00"), or the name of one of Go's layout constants that OPA accepts (RFC3339, RFC1123Z, …).
 * Formatting (here) and parsing ({@link GoTimeParser}) follow the rules of Go's time package documentation, element
 * by element.
 */
final class GoTimeLayout {
    /** The layout constants OPA translates by name; any other text is a layout itself. */
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
            Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"));

    static final String RFC3339_NANO = NAMED.get("RFC3339Nano");

    static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};

    /** The elements a layout is made of, each named by how it writes the reference time. */
    enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY, UNDER_YEAR_DAY,
        ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND, LONG_YEAR, YEAR, PM,
        LOWER_PM, TZ, ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ,
        NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ, FRACTION_ZEROS, FRACTION_NINES;

        boolean isIso() {
            return name().startsWith("ISO_");
        }
    }

    /** Literal text, or a layout element; {@code text} is the element as written in the layout. */
    record Element(String text, Std std, int digits, char separator) {
        static Element literal(String text) {
            return new Element(text, null, 0, ' ');
        }
    }

    /**
     * Parsing refuses layouts and values longer than this: real times are short, and reading cuts the text element by
     * element, which must not grow quadratically with text a policy's input supplies.
     */
    static final int MAX_PARSE_LENGTH = 1024;

    private final String layout;
    private final List<Element> elements;

    private GoTimeLayout(String layout) {
        this.layout = layout;
        this.elements = split(layout);
    }

    /** The layout a {@code time.format}/{@code time.parse_ns} argument names: a constant's layout, or itself. */
    static GoTimeLayout of(String layoutOrName) {
        return new GoTimeLayout(NAMED.getOrDefault(layoutOrName, layoutOrName));
    }

    // ---- layout elements ----

    private static List<Element> split(String layout) {
        var out = new ArrayList<Element>();
        int literalStart = 0;
        int i = 0;
        while (i < layout.length()) {
            Element e = elementAt(layout, i);
            if (e == null) {
                i++;
                continue;
            }
            // "_2006" is a literal underscore before the year
            int start = e.std() == Std.LONG_YEAR && layout.charAt(i) == '_' ? i + 1 : i;
            if (start > literalStart) {
                out.add(Element.literal(layout.substring(literalStart, start)));
            }
            out.add(e);
            i = start + e.text().length();
            literalStart = i;
        }
        if (layout.length() > literalStart) {
            out.add(Element.literal(layout.substring(literalStart)));
        }
        return out;
    }

    /** The element starting at {@code i}, or null when the text there is literal. */
    private static Element elementAt(String l, int i) {
        char c = l.charAt(i);
        switch (c) {
            case 'J' -> {
                if (l.startsWith("January", i)) {
                    return std("January", Std.LONG_MONTH);
                }
                if (l.startsWith("Jan", i) && !lowerAt(l, i + 3)) {
                    return std("Jan", Std.MONTH);
                }
            }
            case 'M' -> {
                if (l.startsWith("Monday", i)) {
                    return std("Monday", Std.LONG_WEEKDAY);
                }
                if (l.startsWith("Mon", i) && !lowerAt(l, i + 3)) {
                    return std("Mon", Std.WEEKDAY);
                }
                if (l.startsWith("MST", i)) {
                    return std("MST", Std.TZ);
                }
            }
            case '0' -> {
                if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                    Std[] zeros = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND,
                        Std.YEAR};
                    return std(l.substring(i, i + 2), zeros[l.charAt(i + 1) - '1']);
                }
                if (l.startsWith("002", i)) {
                    return std("002", Std.ZERO_YEAR_DAY);
                }
            }
            case '1' -> {
                return l.startsWith("15", i) ? std("15", Std.HOUR) : std("1", Std.NUM_MONTH);
            }
            case '2' -> {
                return l.startsWith("2006", i) ? std("2006", Std.LONG_YEAR) : std("2", Std.DAY);
            }
            case '_' -> {
                if (l.startsWith("_2006", i)) {
                    return std("2006", Std.LONG_YEAR);
                }
                if (l.startsWith("_2", i)) {
                    return std("_2", Std.UNDER_DAY);
                }
                if (l.startsWith("__2", i)) {
                    return std("__2", Std.UNDER_YEAR_DAY);
                }
            }
            case '3' -> {
                return std("3", Std.HOUR12);
            }
            case '4' -> {
                return std("4", Std.MINUTE);
            }
            case '5' -> {
                return std("5", Std.SECOND);
            }
            case 'P' -> {
                if (l.startsWith("PM", i)) {
                    return std("PM", Std.PM);
                }
            }
            case 'p' -> {
                if (l.startsWith("pm", i)) {
                    return std("pm", Std.LOWER_PM);
                }
            }
            case '-', 'Z' -> {
                String[] forms = {"070000", "07:00:00", "0700", "07:00", "07"};
                Std[] num = {Std.NUM_SECONDS_TZ, Std.NUM_COLON_SECONDS_TZ, Std.NUM_TZ, Std.NUM_COLON_TZ,
                    Std.NUM_SHORT_TZ};
                Std[] iso = {Std.ISO_SECONDS_TZ, Std.ISO_COLON_SECONDS_TZ, Std.ISO_TZ, Std.ISO_COLON_TZ,
                    Std.ISO_SHORT_TZ};
                for (int f = 0; f < forms.length; f++) {
                    if (l.startsWith(forms[f], i + 1)) {
                        return std(c + forms[f], c == '-' ? num[f] : iso[f]);
                    }
                }
            }
            case '.', ',' -> {
                // a run of 0s or 9s after the separator, not followed by another digit, is a fractional second
                if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                    char digit = l.charAt(i + 1);
                    int j = i + 1;
                    while (j < l.length() && l.charAt(j) == digit) {
                        j++;
                    }
                    if (!digitAt(l, j)) {
                        return new Element(l.substring(i, j), digit == '0' ? Std.FRACTION_ZEROS : Std.FRACTION_NINES,
                                j - i - 1, c);
                    }
                }
            }
            default -> {
            }
        }
        return null;
    }

    private static Element std(String text, Std std) {
        return new Element(text, std, 0, ' ');
    }

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    static boolean digitAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    // ---- formatting ----

    String format(ZonedDateTime t) {
        var b = new StringBuilder();
        for (Element e : elements) {
            if (e.std() == null) {
                b.append(e.text());
                continue;
            }
            int hour = t.getHour();
            switch (e.std()) {
                case LONG_YEAR -> pad(b, t.getYear(), 4);
                case YEAR -> pad(b, t.getYear() % 100, 2);
                case LONG_MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
                case NUM_MONTH -> b.append(t.getMonthValue());
                case ZERO_MONTH -> pad(b, t.getMonthValue(), 2);
                case LONG_WEEKDAY -> b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7]);
                case WEEKDAY -> b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7], 0, 3);
                case DAY -> b.append(t.getDayOfMonth());
                case UNDER_DAY -> b.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2);
                case UNDER_YEAR_DAY -> b.append(" ".repeat(3 - String.valueOf(t.getDayOfYear()).length()))
                        .append(t.getDayOfYear());
                case ZERO_YEAR_DAY -> pad(b, t.getDayOfYear(), 3);
                case HOUR -> pad(b, hour, 2);
                case HOUR12 -> b.append(hour % 12 == 0 ? 12 : hour % 12);
                case ZERO_HOUR12 -> pad(b, hour % 12 == 0 ? 12 : hour % 12, 2);
                case MINUTE -> b.append(t.getMinute());
                case ZERO_MINUTE -> pad(b, t.getMinute(), 2);
                case SECOND -> b.append(t.getSecond());
                case ZERO_SECOND -> pad(b, t.getSecond(), 2);
                case PM -> b.append(hour >= 12 ? "PM" : "AM");
                case LOWER_PM -> b.append(hour >= 12 ? "pm" : "am");
                case TZ -> b.append(zoneAbbreviation(t));
                case FRACTION_ZEROS, FRACTION_NINES -> fraction(b, e, t.getNano());
                default -> offset(b, e.std(), t.getOffset().getTotalSeconds());
            }
        }
        return b.toString();
    }

    private static void pad(StringBuilder b, int value, int width) {
        if (value < 0) {
            b.append('-');
        }
        String digits = String.valueOf(Math.abs(value));
        b.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    private static void fraction(StringBuilder b, Element e, int nanos) {
        String digits = String.format(Locale.ROOT, "%09d", nanos).substring(0, Math.min(9, e.digits()));
        if (e.std() == Std.FRACTION_NINES) {
            digits = digits.replaceFirst("0+$", "");
            if (digits.isEmpty()) {
                return;
            }
        }
        b.append(e.separator()).append(digits);
    }

    private static void offset(StringBuilder b, Std std, int seconds) {
        if (std.isIso() && seconds == 0) {
            b.append('Z');
            return;
        }
        int abs = Math.abs(seconds);
        b.append(seconds < 0 ? '-' : '+');
        pad(b, abs / 3600, 2);
        boolean colon = std == Std.NUM_COLON_TZ || std == Std.ISO_COLON_TZ || std == Std.NUM_COLON_SECONDS_TZ
                || std == Std.ISO_COLON_SECONDS_TZ;
        if (std != Std.NUM_SHORT_TZ && std != Std.ISO_SHORT_TZ) {
            b.append(colon ? ":" : "");
            pad(b, abs / 60 % 60, 2);
        }
        if (std == Std.NUM_SECONDS_TZ || std == Std.ISO_SECONDS_TZ || std == Std.NUM_COLON_SECONDS_TZ
                || std == Std.ISO_COLON_SECONDS_TZ) {
            b.append(colon ? ":" : "");
            pad(b, abs % 60, 2);
        }
    }

    /**
     * The zone's abbreviation ("UTC", "CET", "IST"); zones the time-zone database names only by their offset are
     * written as it writes them ("+03", "+0530").
     */
    private static String zoneAbbreviation(ZonedDateTime t) {
        if (t.getZone() instanceof ZoneOffset o) {
            return o.getTotalSeconds() == 0 ? "UTC" : numericAbbreviation(o.getTotalSeconds());
        }
        String name = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(t);
        if (name.startsWith("GMT+") || name.startsWith("GMT-") || name.startsWith("UTC+") || name.startsWith("UTC-")) {
            return numericAbbreviation(t.getOffset().getTotalSeconds());
        }
        return name;
    }

    private static String numericAbbreviation(int seconds) {
        var b = new StringBuilder(seconds < 0 ? "-" : "+");
        int abs = Math.abs(seconds);
        pad(b, abs / 3600, 2);
        if (abs / 60 % 60 != 0) {
            pad(b, abs / 60 % 60, 2);
        }
        return b.toString();
    }

    // ---- parsing ----

    /** The instant the value gives when read with this layout ({@link GoTimeParser}). */
    Instant parse(String value) {
        if (layout.length() > MAX_PARSE_LENGTH || value.length() > MAX_PARSE_LENGTH) {
            throw BuiltinException.failed("parsing time: layout or value longer than " + MAX_PARSE_LENGTH + " characters");
        }
        return new GoTimeParser(elements).parse(value);
    }
}
