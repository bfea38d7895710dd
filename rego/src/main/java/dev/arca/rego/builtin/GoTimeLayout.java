package dev.arca.rego.builtin;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
 * Formatting and parsing follow the rules of Go's time package documentation, element by element.
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

    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};

    /** The elements a layout is made of, each named by how it writes the reference time. */
    private enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY, UNDER_YEAR_DAY,
        ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND, LONG_YEAR, YEAR, PM,
        LOWER_PM, TZ, ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ,
        NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ, FRACTION_ZEROS, FRACTION_NINES;

        boolean isIso() {
            return name().startsWith("ISO_");
        }
    }

    /** Literal text, or a layout element; {@code text} is the element as written in the layout. */
    private record Element(String text, Std std, int digits, char separator) {
        static Element literal(String text) {
            return new Element(text, null, 0, ' ');
        }
    }

    private final List<Element> elements;

    private GoTimeLayout(List<Element> elements) {
        this.elements = elements;
    }

    /** The layout a {@code time.format}/{@code time.parse_ns} argument names: a constant's layout, or itself. */
    static GoTimeLayout of(String layoutOrName) {
        return new GoTimeLayout(split(NAMED.getOrDefault(layoutOrName, layoutOrName)));
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

    private static boolean digitAt(String s, int i) {
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

    /**
     * The instant the value gives when read with this layout. Absent fields are those of January 1 of year 0 at
     * midnight UTC; a numeric offset or Z applies; a zone abbreviation ("MST") leaves the wall time as UTC, as Go does
     * for a zone the host (UTC) does not know. Fields out of range, a day the month does not have, text the layout
     * does not match and text left over are refused.
     */
    Instant parse(String value) {
        var p = new Parsed();
        String rest = value;
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            rest = e.std() == null ? skip(rest, e.text()) : p.read(e, rest, nextStd(i));
        }
        if (!rest.isEmpty()) {
            throw BuiltinException.failed("parsing time: extra text after the layout");
        }
        return p.instant();
    }

    private Std nextStd(int i) {
        for (int j = i + 1; j < elements.size(); j++) {
            if (elements.get(j).std() != null) {
                return elements.get(j).std();
            }
        }
        return null;
    }

    /** Matches literal layout text; a space in the layout matches any run of spaces (at least one if any). */
    private static String skip(String value, String literal) {
        String v = value;
        String l = literal;
        while (!l.isEmpty()) {
            if (l.charAt(0) == ' ') {
                if (!v.isEmpty() && v.charAt(0) != ' ') {
                    throw mismatch(literal);
                }
                l = l.stripLeading();
                v = v.replaceFirst("^ +", "");
                continue;
            }
            if (v.isEmpty() || v.charAt(0) != l.charAt(0)) {
                throw mismatch(literal);
            }
            l = l.substring(1);
            v = v.substring(1);
        }
        return v;
    }

    private static BuiltinException mismatch(String layoutText) {
        return BuiltinException.failed("parsing time: the value does not match \"" + layoutText + "\" of the layout");
    }

    private static BuiltinException outOfRange(String field) {
        return BuiltinException.failed("parsing time: " + field + " out of range");
    }

    /** The fields read so far; -1 where the value has not given one. */
    private static final class Parsed {
        int year;
        int month = -1;
        int day = -1;
        int yearDay = -1;
        int hour;
        int minute;
        int second;
        int nanos;
        boolean pm;
        boolean am;
        boolean utc;
        Integer offsetSeconds;

        /** Reads one element at the start of {@code v}; gives the rest. */
        String read(Element e, String v, Std next) {
            String text = e.text();
            switch (e.std()) {
                case YEAR -> {
                    int y = fixedDigits(v, 2, text);
                    year = y >= 69 ? 1900 + y : 2000 + y;
                    return v.substring(2);
                }
                case LONG_YEAR -> {
                    year = fixedDigits(v, 4, text);
                    return v.substring(4);
                }
                case MONTH, LONG_MONTH -> {
                    int m = lookup(v, e.std() == Std.MONTH ? 3 : 0, LONG_MONTHS, text);
                    month = m + 1;
                    return v.substring(e.std() == Std.MONTH ? 3 : LONG_MONTHS[m].length());
                }
                case WEEKDAY, LONG_WEEKDAY -> {
                    int d = lookup(v, e.std() == Std.WEEKDAY ? 3 : 0, LONG_DAYS, text);
                    return v.substring(e.std() == Std.WEEKDAY ? 3 : LONG_DAYS[d].length());
                }
                case NUM_MONTH, ZERO_MONTH -> {
                    int n = number(v, e.std() == Std.ZERO_MONTH, text);
                    if (n < 1 || n > 12) {
                        throw outOfRange("month");
                    }
                    month = n;
                    return v.substring(width(v));
                }
                case DAY, UNDER_DAY, ZERO_DAY -> {
                    String w = e.std() == Std.UNDER_DAY && v.startsWith(" ") ? v.substring(1) : v;
                    day = number(w, e.std() == Std.ZERO_DAY, text);
                    return w.substring(width(w));
                }
                case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
                    String w = v;
                    for (int i = 0; i < 2 && e.std() == Std.UNDER_YEAR_DAY && w.startsWith(" "); i++) {
                        w = w.substring(1);
                    }
                    int n = 0;
                    int i = 0;
                    while (i < 3 && digitAt(w, i)) {
                        n = n * 10 + w.charAt(i++) - '0';
                    }
                    if (i == 0 || e.std() == Std.ZERO_YEAR_DAY && i != 3) {
                        throw mismatch(text);
                    }
                    yearDay = n;
                    return w.substring(i);
                }
                case HOUR -> {
                    hour = number(v, false, text);
                    if (hour > 23) {
                        throw outOfRange("hour");
                    }
                    return v.substring(width(v));
                }
                case HOUR12, ZERO_HOUR12 -> {
                    hour = number(v, e.std() == Std.ZERO_HOUR12, text);
                    if (hour > 12) {
                        throw outOfRange("hour");
                    }
                    return v.substring(width(v));
                }
                case MINUTE, ZERO_MINUTE -> {
                    minute = number(v, e.std() == Std.ZERO_MINUTE, text);
                    if (minute > 59) {
                        throw outOfRange("minute");
                    }
                    return v.substring(width(v));
                }
                case SECOND, ZERO_SECOND -> {
                    second = number(v, e.std() == Std.ZERO_SECOND, text);
                    if (second > 59) {
                        throw outOfRange("second");
                    }
                    String w = v.substring(width(v));
                    // a fractional second may follow the seconds even when the layout has none
                    boolean fractionNext = next == Std.FRACTION_ZEROS || next == Std.FRACTION_NINES;
                    if (!fractionNext && w.length() >= 2 && (w.charAt(0) == '.' || w.charAt(0) == ',')
                            && digitAt(w, 1)) {
                        int n = 2;
                        while (digitAt(w, n)) {
                            n++;
                        }
                        nanos = fraction(w, n);
                        return w.substring(n);
                    }
                    return w;
                }
                case PM, LOWER_PM -> {
                    if (v.length() < 2) {
                        throw mismatch(text);
                    }
                    String mark = v.substring(0, 2);
                    boolean upper = e.std() == Std.PM;
                    if (mark.equals(upper ? "PM" : "pm")) {
                        pm = true;
                    } else if (mark.equals(upper ? "AM" : "am")) {
                        am = true;
                    } else {
                        throw mismatch(text);
                    }
                    return v.substring(2);
                }
                case TZ -> {
                    if (v.startsWith("UTC")) {
                        utc = true;
                        return v.substring(3);
                    }
                    int n = zoneNameLength(v);
                    if (n == 0) {
                        throw mismatch(text);
                    }
                    return v.substring(n);
                }
                case FRACTION_ZEROS -> {
                    int n = 1 + e.digits();
                    if (v.length() < n) {
                        throw mismatch(text);
                    }
                    nanos = fraction(v, n);
                    return v.substring(n);
                }
                case FRACTION_NINES -> {
                    if (v.length() < 2 || !(v.charAt(0) == '.' || v.charAt(0) == ',') || !digitAt(v, 1)) {
                        return v; // the fraction may be omitted
                    }
                    int n = 1;
                    while (digitAt(v, n)) {
                        n++;
                    }
                    nanos = fraction(v, n);
                    return v.substring(n);
                }
                default -> {
                    return offset(e.std(), v, text);
                }
            }
        }

        private String offset(Std std, String v, String text) {
            if (std.isIso() && v.startsWith("Z")) {
                utc = true;
                return v.substring(1);
            }
            String hh;
            String mm = "00";
            String ss = "00";
            int used;
            switch (std) {
                case NUM_TZ, ISO_TZ -> {
                    used = 5;
                    hh = slice(v, 1, 3, used);
                    mm = slice(v, 3, 5, used);
                }
                case NUM_COLON_TZ, ISO_COLON_TZ -> {
                    used = 6;
                    requireColons(v, used, text, 3);
                    hh = slice(v, 1, 3, used);
                    mm = slice(v, 4, 6, used);
                }
                case NUM_SHORT_TZ, ISO_SHORT_TZ -> {
                    used = 3;
                    hh = slice(v, 1, 3, used);
                }
                case NUM_SECONDS_TZ, ISO_SECONDS_TZ -> {
                    used = 7;
                    hh = slice(v, 1, 3, used);
                    mm = slice(v, 3, 5, used);
                    ss = slice(v, 5, 7, used);
                }
                default -> {
                    used = 9;
                    requireColons(v, used, text, 3, 6);
                    hh = slice(v, 1, 3, used);
                    mm = slice(v, 4, 6, used);
                    ss = slice(v, 7, 9, used);
                }
            }
            if (hh == null || mm == null || ss == null || (v.charAt(0) != '+' && v.charAt(0) != '-')) {
                throw mismatch(text);
            }
            int h = number(hh, true, text);
            int m = number(mm, true, text);
            int s = number(ss, true, text);
            if (h > 24 || m > 60 || s > 60) {
                throw outOfRange("time zone offset");
            }
            int total = (h * 60 + m) * 60 + s;
            offsetSeconds = v.charAt(0) == '-' ? -total : total;
            return v.substring(used);
        }

        private static String slice(String v, int from, int to, int needed) {
            return v.length() < needed ? null : v.substring(from, to);
        }

        private static void requireColons(String v, int needed, String text, int... at) {
            for (int i : at) {
                if (v.length() >= needed && v.charAt(i) != ':') {
                    throw mismatch(text);
                }
            }
        }

        Instant instant() {
            if (pm && hour < 12) {
                hour += 12;
            } else if (am && hour == 12) {
                hour = 0;
            }
            if (yearDay >= 0) {
                LocalDate d;
                try {
                    d = LocalDate.ofYearDay(year, yearDay);
                } catch (DateTimeException e) {
                    throw outOfRange("day-of-year");
                }
                if (month >= 0 && month != d.getMonthValue() || day >= 0 && day != d.getDayOfMonth()) {
                    throw BuiltinException.failed("parsing time: day-of-year does not match the date");
                }
                month = d.getMonthValue();
                day = d.getDayOfMonth();
            }
            month = month < 0 ? 1 : month;
            day = day < 0 ? 1 : day;
            if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
                throw outOfRange("day");
            }
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            if (!utc && offsetSeconds != null) {
                epochSecond -= offsetSeconds;
            }
            return Instant.ofEpochSecond(epochSecond, nanos);
        }
    }

    private static int fixedDigits(String v, int n, String text) {
        for (int i = 0; i < n; i++) {
            if (!digitAt(v, i)) {
                throw mismatch(text);
            }
        }
        return Integer.parseInt(v.substring(0, n));
    }

    /** One or two digits (two when fixed). */
    private static int number(String v, boolean fixed, String text) {
        if (!digitAt(v, 0) || fixed && !digitAt(v, 1)) {
            throw mismatch(text);
        }
        return digitAt(v, 1) ? (v.charAt(0) - '0') * 10 + v.charAt(1) - '0' : v.charAt(0) - '0';
    }

    private static int width(String v) {
        return digitAt(v, 1) ? 2 : 1;
    }

    /** The index of the name the value starts with, ignoring case; {@code prefix} > 0 compares only that many. */
    private static int lookup(String v, int prefix, String[] names, String text) {
        for (int i = 0; i < names.length; i++) {
            String name = prefix > 0 ? names[i].substring(0, prefix) : names[i];
            if (v.regionMatches(true, 0, name, 0, name.length())) {
                return i;
            }
        }
        throw mismatch(text);
    }

    /** Nanoseconds of a separator and digits; digits past the ninth are dropped. */
    private static int fraction(String v, int length) {
        if (v.charAt(0) != '.' && v.charAt(0) != ',') {
            throw BuiltinException.failed("parsing time: expected a fractional second");
        }
        String digits = v.substring(1, Math.min(length, 10));
        for (int i = 0; i < digits.length(); i++) {
            if (!digitAt(digits, i)) {
                throw BuiltinException.failed("parsing time: expected a fractional second");
            }
        }
        return Integer.parseInt((digits + "000000000").substring(0, 9));
    }

    /**
     * The length of a zone abbreviation at the start of the value: three to five capitals (four or five ending in
     * T, or WITA), ChST or MeST, GMT with an optional signed hour offset up to 12, or a signed hour offset ("+03").
     */
    private static int zoneNameLength(String v) {
        if (v.length() < 3) {
            return 0;
        }
        if (v.startsWith("ChST") || v.startsWith("MeST")) {
            return 4;
        }
        if (v.startsWith("GMT")) {
            return 3 + signedHours(v.substring(3));
        }
        if (v.charAt(0) == '+' || v.charAt(0) == '-') {
            return signedHours(v);
        }
        int upper = 0;
        while (upper < 6 && upper < v.length() && v.charAt(upper) >= 'A' && v.charAt(upper) <= 'Z') {
            upper++;
        }
        return switch (upper) {
            case 3 -> 3;
            case 4 -> v.charAt(3) == 'T' || v.startsWith("WITA") ? 4 : 0;
            case 5 -> v.charAt(4) == 'T' ? 5 : 0;
            default -> 0;
        };
    }

    /** The length of "+h"/"-hh" (hours up to 12) at the start, or 0. */
    private static int signedHours(String v) {
        if (v.isEmpty() || v.charAt(0) != '+' && v.charAt(0) != '-') {
            return 0;
        }
        int n = 1;
        while (digitAt(v, n)) {
            n++;
        }
        if (n == 1 || n > 10 || Long.parseLong(v.substring(1, n)) > 12) {
            return 0;
        }
        return n;
    }
}
