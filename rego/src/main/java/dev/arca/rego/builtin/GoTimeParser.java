package dev.arca.rego.builtin;

import static dev.arca.rego.builtin.GoTimeLayout.LONG_DAYS;
import static dev.arca.rego.builtin.GoTimeLayout.LONG_MONTHS;
import static dev.arca.rego.builtin.GoTimeLayout.digitAt;

import dev.arca.rego.builtin.GoTimeLayout.Element;
import dev.arca.rego.builtin.GoTimeLayout.Std;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Reads a time with the elements of a {@link GoTimeLayout}, by the rules of Go's {@code time.Parse}. */
final class GoTimeParser {
    private final List<Element> elements;

    GoTimeParser(List<Element> elements) {
        this.elements = elements;
    }

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
