package dev.arca.rego.builtin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The amounts of {@code units.parse} ("1.5Gi", "500m") and {@code units.parse_bytes} ("10GB", "4mib"): a decimal
 * number, possibly in scientific notation, directly followed by an optional unit, read as OPA's built-in reference
 * documents them. Refusals carry OPA's messages.
 */
final class UnitAmount {
    /** OPA refuses exponents of more than six digits ("1e1000000K") before reading the number. */
    private static final int MAX_EXPONENT_DIGITS = 6;
    /** units.parse rounds a fractional result to this many decimal places, as OPA does. */
    private static final int FRACTION_DIGITS = 10;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final BigDecimal KILO = BigDecimal.TEN.pow(3);
    private static final BigDecimal KIBI = BigDecimal.valueOf(2).pow(10);

    private UnitAmount() {
    }

    /**
     * {@code units.parse}: m (milli) and M (mega) differ by case; every other unit is case-insensitive after its first
     * letter (k/K, Ki/ki, …, E/e, Ei/ei). The result is exact when it is an integer, else rounded to ten places.
     */
    static BigDecimal parse(String text) {
        Split amount = split(text.replace("\"", ""));
        if (amount.number().isEmpty()) {
            throw BuiltinException.failed("no amount provided");
        }
        String unit = amount.unit();
        if (unit.length() > 1) {
            unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
        }
        BigDecimal factor = switch (unit) {
            case "" -> BigDecimal.ONE;
            case "m" -> new BigDecimal("0.001");
            case "M" -> KILO.pow(2);
            case "mi", "Mi" -> KIBI.pow(2);
            default -> {
                String u = unit.toLowerCase(Locale.ROOT);
                int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
                if (power == 0 || u.length() > 2 || u.length() == 2 && u.charAt(1) != 'i') {
                    throw BuiltinException.failed("unit " + unit + " not recognized");
                }
                yield u.length() == 1 ? KILO.pow(power) : KIBI.pow(power);
            }
        };
        BigDecimal value = NumberBuiltins.sane(number(amount.number(), "could not parse amount to a number")
                .multiply(factor));
        if (value.scale() > FRACTION_DIGITS) {
            value = value.setScale(FRACTION_DIGITS, RoundingMode.HALF_UP);
        }
        return value.stripTrailingZeros();
    }

    /**
     * {@code units.parse_bytes}: fully case-insensitive, an optional trailing b (KB and K are 1000, KiB and Ki are
     * 1024, …), truncated to a whole number of bytes.
     */
    static BigDecimal parseBytes(String text) {
        Split amount = split(text.toLowerCase(Locale.ROOT).replace("\"", ""));
        if (amount.number().isEmpty()) {
            throw BuiltinException.failed("no byte amount provided");
        }
        String unit = amount.unit();
        String prefix = unit.endsWith("b") ? unit.substring(0, unit.length() - 1) : unit;
        BigDecimal factor;
        if (unit.isEmpty()) {
            factor = BigDecimal.ONE;
        } else {
            int power = prefix.isEmpty() ? 0 : "kmgtpe".indexOf(prefix.charAt(0)) + 1;
            if (power == 0 || prefix.length() > 2 || prefix.length() == 2 && prefix.charAt(1) != 'i') {
                throw BuiltinException.failed("byte unit " + unit + " not recognized");
            }
            factor = prefix.length() == 1 ? KILO.pow(power) : KIBI.pow(power);
        }
        BigDecimal value = number(amount.number(), "could not parse byte amount to a number").multiply(factor);
        return NumberBuiltins.sane(value).setScale(0, RoundingMode.DOWN);
    }

    private record Split(String number, String unit) {
    }

    /**
     * Splits at the first character that cannot continue a number: digits, '.', signs and an exponent marker
     * followed by a digit or sign continue it ("1e3K" is 1e3 and K; "1EiB" is 1 and EiB). Spaces anywhere are refused.
     */
    private static Split split(String s) {
        if (s.contains(" ")) {
            throw BuiltinException.failed("spaces not allowed in resource strings");
        }
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isDigit(c) || c == '.' || c == '+' || c == '-') {
                i++;
                continue;
            }
            boolean exponent = (c == 'e' || c == 'E') && i + 1 < s.length()
                    && (isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-');
            if (!exponent) {
                break;
            }
            i += s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-' ? 2 : 1;
            int digits = 0;
            while (i + digits < s.length() && isDigit(s.charAt(i + digits))) {
                digits++;
            }
            if (digits > MAX_EXPONENT_DIGITS) {
                throw BuiltinException.failed("exponent too large");
            }
        }
        return new Split(s.substring(0, i), s.substring(i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BigDecimal number(String text, String refusal) {
        if (!DECIMAL.matcher(text).matches()) {
            throw BuiltinException.failed(refusal);
        }
        return new BigDecimal(text);
    }
}
