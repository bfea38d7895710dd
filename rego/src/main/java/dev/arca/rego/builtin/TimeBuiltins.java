package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** {@code time.*}: nanoseconds since the epoch, RFC 3339 text, calendar fields in UTC or a named zone. */
final class TimeBuiltins {
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    private TimeBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add("time.now_ns", 0, (a, cx) -> new NumberValue(new BigDecimal(nanos(cx.now()))));
        r.add1("time.parse_rfc3339_ns", a -> {
            try {
                return new NumberValue(new BigDecimal(inRange(nanos(OffsetDateTime.parse(Args.string(a, 0)).toInstant()))));
            } catch (DateTimeParseException e) {
                throw BuiltinException.failed("invalid RFC 3339 time");
            }
        });
        r.add2("time.parse_ns", a -> {
            String layout = Args.string(a, 0);
            if (!layout.equals("2006-01-02T15:04:05Z07:00")) {
                throw BuiltinException.failed("only the RFC 3339 layout is supported");
            }
            try {
                return new NumberValue(new BigDecimal(nanos(OffsetDateTime.parse(Args.string(a, 1)).toInstant())));
            } catch (DateTimeParseException e) {
                throw BuiltinException.failed("invalid time");
            }
        });
        r.add1("time.date", a -> {
            ZonedDateTime t = zoned(a);
            return new ArrayValue(List.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()),
                    NumberValue.of(t.getDayOfMonth())));
        });
        r.add1("time.clock", a -> {
            ZonedDateTime t = zoned(a);
            return new ArrayValue(List.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()),
                    NumberValue.of(t.getSecond())));
        });
        r.add1("time.weekday", a -> {
            String day = zoned(a).getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            return new StringValue(day);
        });
        r.add("time.add_date", 4, (a, cx) -> {
            ZonedDateTime t = toZoned(NumberBuiltins.integer(a, 0), ZoneOffset.UTC);
            ZonedDateTime shifted = t.plusYears(Args.integer(a, 1)).plusMonths(Args.integer(a, 2))
                    .plusDays(Args.integer(a, 3));
            return new NumberValue(new BigDecimal(nanos(shifted.toInstant())));
        });
        r.add2("time.diff", a -> diff(zoned(a.subList(0, 1)), zoned(a.subList(1, 2))));
        r.add1("time.parse_duration_ns", a -> new NumberValue(new BigDecimal(duration(Args.string(a, 0)))));
        r.add1("time.format", a -> {
            ZonedDateTime t = zoned(a);
            return new StringValue(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("+00:00", "Z"));
        });
    }

    private static final java.util.regex.Pattern DURATION_PART =
            java.util.regex.Pattern.compile("([0-9]*\\.?[0-9]*)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
    private static final java.util.Map<String, Long> DURATION_UNITS = java.util.Map.of("ns", 1L, "us", 1_000L,
            "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    /** Go's duration syntax: an optional sign, then number-unit pairs ("1h30m", "1.5s", "300ms"). */
    static BigInteger duration(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return BigInteger.ZERO;
        }
        java.util.regex.Matcher m = DURATION_PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
                throw BuiltinException.failed("invalid duration");
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(DURATION_UNITS.get(m.group(2)))));
            at = m.end();
        }
        if (at == 0) {
            throw BuiltinException.failed("invalid duration");
        }
        BigInteger ns = total.setScale(0, java.math.RoundingMode.DOWN).toBigInteger();
        return inRange(negative ? ns.negate() : ns);
    }

    /**
     * {@code [years, months, days, hours, minutes, seconds]} between two times, the earlier subtracted from the later
     * field by field with borrowing (a month borrows the length of the earlier time's month), both read in the first
     * time's zone, as OPA computes it.
     */
    private static Value diff(ZonedDateTime x, ZonedDateTime y) {
        ZonedDateTime t1 = x;
        ZonedDateTime t2 = y.withZoneSameInstant(x.getZone());
        if (t1.isAfter(t2)) {
            ZonedDateTime swap = t1;
            t1 = t2;
            t2 = swap;
        }
        long year = t2.getYear() - t1.getYear();
        long month = t2.getMonthValue() - t1.getMonthValue();
        long day = t2.getDayOfMonth() - t1.getDayOfMonth();
        long hour = t2.getHour() - t1.getHour();
        long minute = t2.getMinute() - t1.getMinute();
        long second = t2.getSecond() - t1.getSecond();
        if (second < 0) {
            second += 60;
            minute--;
        }
        if (minute < 0) {
            minute += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            day += t1.toLocalDate().lengthOfMonth();
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return new ArrayValue(List.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day),
                NumberValue.of(hour), NumberValue.of(minute), NumberValue.of(second)));
    }

    /** OPA keeps times as signed 64-bit nanoseconds since the epoch (1677 to 2262). */
    private static BigInteger inRange(BigInteger ns) {
        if (ns.bitLength() > 63) {
            throw BuiltinException.failed("time outside of valid range");
        }
        return ns;
    }

    static BigInteger nanos(Instant i) {
        return BigInteger.valueOf(i.getEpochSecond()).multiply(BILLION).add(BigInteger.valueOf(i.getNano()));
    }

    /** A number of nanoseconds, or [ns, zone name]. */
    private static ZonedDateTime zoned(List<Value> a) {
        Value v = a.get(0);
        if (v instanceof ArrayValue arr && arr.items().size() == 2
                && arr.items().get(0) instanceof NumberValue n && arr.items().get(1) instanceof StringValue z) {
            try {
                ZoneId zone = z.value().isEmpty() || z.value().equals("UTC") ? ZoneOffset.UTC
                        : z.value().equals("Local") ? ZoneId.systemDefault() : ZoneId.of(z.value());
                return toZoned(NumberBuiltins.sane(n.value()).toBigInteger(), zone);
            } catch (DateTimeException e) {
                throw BuiltinException.failed("unknown time zone");
            }
        }
        if (v instanceof NumberValue n) {
            return toZoned(NumberBuiltins.sane(n.value()).toBigInteger(), ZoneOffset.UTC);
        }
        throw Args.wrongType(0, v, "one of {number, array}");
    }

    private static ZonedDateTime toZoned(BigInteger ns, ZoneId zone) {
        BigInteger[] qr = ns.divideAndRemainder(BILLION);
        long seconds = qr[0].longValue();
        long nanos = qr[1].longValue();
        if (nanos < 0) {
            seconds -= 1;
            nanos += 1_000_000_000L;
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos).atZone(zone);
        } catch (DateTimeException | ArithmeticException e) {
            throw BuiltinException.failed("timestamp out of range");
        }
    }
}
