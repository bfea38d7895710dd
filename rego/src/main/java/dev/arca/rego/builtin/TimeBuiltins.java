package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * {@code time.*}: nanoseconds since the epoch (signed 64 bits, as OPA keeps them), RFC 3339 text, text in Go's
 * layouts ({@link GoTimeLayout}), calendar fields in UTC or a named zone.
 */
final class TimeBuiltins {
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    private TimeBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add("time.now_ns", 0, (a, cx) -> new NumberValue(new BigDecimal(nanos(cx.now()))));
        // Go's time.Parse with the RFC 3339 layout, as OPA reads it (a one-digit hour, a fraction after the seconds)
        r.add1("time.parse_rfc3339_ns", a -> new NumberValue(new BigDecimal(
                inRange(nanos(GoTimeLayout.of("RFC3339").parse(Args.string(a, 0)))))));
        r.add2("time.parse_ns", a -> new NumberValue(new BigDecimal(
                inRange(nanos(GoTimeLayout.of(Args.string(a, 0)).parse(Args.string(a, 1)))))));
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
        r.add("time.add_date", 4, (a, cx) -> new NumberValue(new BigDecimal(inRange(nanos(addDate(zoned(a),
                Args.integer(a, 1), Args.integer(a, 2), Args.integer(a, 3)).toInstant())))));
        r.add2("time.diff", a -> diff(zoned(a.subList(0, 1)), zoned(a.subList(1, 2))));
        r.add1("time.parse_duration_ns", a -> new NumberValue(new BigDecimal(duration(Args.string(a, 0)))));
        r.add1("time.format", a -> {
            TimeArgument t = timeArgument(a.get(0));
            return new StringValue(GoTimeLayout.of(t.layout()).format(t.time()));
        });
    }

    /**
     * Go's AddDate, as OPA documents it: years, months and days are added field by field and the result normalized
     * (October 32 is November 1, January 31 plus one month is March 2 or 3), the time of day and zone kept.
     */
    private static ZonedDateTime addDate(ZonedDateTime t, long years, long months, long days) {
        try {
            long month = Math.addExact(Math.multiplyExact(Math.addExact(t.getYear(), years), 12L),
                    Math.addExact(t.getMonthValue() - 1L, months));
            LocalDate first = LocalDate.of(Math.toIntExact(Math.floorDiv(month, 12L)),
                    (int) Math.floorMod(month, 12L) + 1, 1);
            LocalDate date = first.plusDays(Math.addExact(t.getDayOfMonth() - 1L, days));
            return ZonedDateTime.of(date, t.toLocalTime(), t.getZone());
        } catch (DateTimeException | ArithmeticException e) {
            throw BuiltinException.failed("time outside of valid range");
        }
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

    /** A time operand: the time in its zone, and the layout to write it with (RFC 3339 with nanoseconds if none). */
    private record TimeArgument(ZonedDateTime time, String layout) {
    }

    private static ZonedDateTime zoned(List<Value> a) {
        return timeArgument(a.get(0)).time();
    }

    /**
     * Nanoseconds since the epoch, or an array of them, a zone name ("" and "UTC": UTC; "Local": the host's zone)
     * and a layout. The nanoseconds must be a whole number that fits in 64 bits, as OPA requires.
     */
    private static TimeArgument timeArgument(Value v) {
        if (v instanceof NumberValue n) {
            return new TimeArgument(toZoned(timestamp(n), ZoneOffset.UTC), GoTimeLayout.RFC3339_NANO);
        }
        if (v instanceof ArrayValue arr && !arr.items().isEmpty() && arr.items().size() <= 3) {
            List<Value> items = arr.items();
            if (!(items.get(0) instanceof NumberValue n)) {
                throw Args.wrongType(0, items.get(0), "number");
            }
            ZoneId zone = ZoneOffset.UTC;
            if (items.size() > 1) {
                if (!(items.get(1) instanceof StringValue z)) {
                    throw Args.wrongType(0, items.get(1), "string");
                }
                zone = zone(z.value());
            }
            String layout = GoTimeLayout.RFC3339_NANO;
            if (items.size() > 2) {
                if (!(items.get(2) instanceof StringValue l)) {
                    throw Args.wrongType(0, items.get(2), "string");
                }
                layout = l.value();
            }
            return new TimeArgument(toZoned(timestamp(n), zone), layout);
        }
        throw Args.wrongType(0, v, "either number (ns) or [number (ns), string (tz)]");
    }

    private static ZoneId zone(String name) {
        try {
            return name.isEmpty() || name.equals("UTC") ? ZoneOffset.UTC
                    : name.equals("Local") ? ZoneId.systemDefault() : ZoneId.of(name);
        } catch (DateTimeException e) {
            throw BuiltinException.failed("unknown time zone");
        }
    }

    /** OPA reads the nanoseconds as a signed 64-bit integer; anything else is refused. */
    private static BigInteger timestamp(NumberValue n) {
        BigDecimal d = n.value();
        if (d.precision() - d.scale() > 19 || !n.isInteger()) {
            throw BuiltinException.failed("timestamp too big");
        }
        BigInteger ns = d.toBigIntegerExact();
        if (ns.bitLength() > 63) {
            throw BuiltinException.failed("timestamp too big");
        }
        return ns;
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
