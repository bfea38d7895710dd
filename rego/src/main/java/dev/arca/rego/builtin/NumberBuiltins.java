package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Comparison, arithmetic (arbitrary precision), bits and number ranges. */
final class NumberBuiltins {
    /** Division keeps this many significant digits when the quotient does not terminate. */
    private static final MathContext DIVISION = new MathContext(34, RoundingMode.HALF_EVEN);
    /** numbers.range refuses ranges whose size would exhaust memory. */
    private static final int MAX_RANGE = 1_000_000;

    /** Operations that expand a number into all its digits refuse numbers wider than this (1e999999999 + 1). */
    private static final int MAX_DIGITS = 1000;

    private NumberBuiltins() {
    }

    /** Refuses numbers whose exact expansion would take more than {@link #MAX_DIGITS} digits. */
    static BigDecimal sane(BigDecimal d) {
        if (d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS) {
            throw BuiltinException.failed("number too large");
        }
        return d;
    }

    static void register(Builtins.Registry r) {
        r.add2("equal", a -> BoolValue.of(a.get(0).equals(a.get(1))));
        r.add2("neq", a -> BoolValue.of(!a.get(0).equals(a.get(1))));
        r.add2("lt", a -> BoolValue.of(a.get(0).compareTo(a.get(1)) < 0));
        r.add2("gt", a -> BoolValue.of(a.get(0).compareTo(a.get(1)) > 0));
        r.add2("lte", a -> BoolValue.of(a.get(0).compareTo(a.get(1)) <= 0));
        r.add2("gte", a -> BoolValue.of(a.get(0).compareTo(a.get(1)) >= 0));

        r.add2("plus", a -> num(sane(Args.number(a, 0)).add(sane(Args.number(a, 1)))));
        r.add2("minus", NumberBuiltins::minus);
        r.add2("mul", a -> num(sane(Args.number(a, 0)).multiply(sane(Args.number(a, 1)))));
        r.add2("div", a -> {
            BigDecimal x = sane(Args.number(a, 0));
            BigDecimal y = sane(Args.number(a, 1));
            if (y.signum() == 0) {
                throw BuiltinException.failed("divide by zero");
            }
            return num(x.divide(y, DIVISION));
        });
        r.add2("rem", a -> {
            NumberValue x = Args.numberValue(a, 0);
            NumberValue y = Args.numberValue(a, 1);
            if (!x.isInteger() || !y.isInteger()) {
                throw BuiltinException.failed("modulo on floating-point number");
            }
            if (y.value().signum() == 0) {
                throw BuiltinException.failed("modulo by zero");
            }
            sane(x.value());
            sane(y.value());
            return num(new BigDecimal(x.integer().orElseThrow().remainder(y.integer().orElseThrow())));
        });
        r.add1("abs", a -> num(Args.number(a, 0).abs()));
        r.add1("round", a -> num(sane(Args.number(a, 0)).setScale(0, RoundingMode.HALF_UP)));
        r.add1("ceil", a -> num(sane(Args.number(a, 0)).setScale(0, RoundingMode.CEILING)));
        r.add1("floor", a -> num(sane(Args.number(a, 0)).setScale(0, RoundingMode.FLOOR)));
        r.add2("numbers.range", a -> range(a, BigInteger.ONE));
        r.add3("numbers.range_step", a -> {
            BigInteger step = integer(a, 2);
            if (step.signum() <= 0) {
                throw BuiltinException.failed("step must be a positive integer");
            }
            return range(a, step);
        });

        r.add2("bits.and", a -> num(new BigDecimal(integer(a, 0).and(integer(a, 1)))));
        r.add2("bits.or", a -> num(new BigDecimal(integer(a, 0).or(integer(a, 1)))));
        r.add2("bits.xor", a -> num(new BigDecimal(integer(a, 0).xor(integer(a, 1)))));
        r.add1("bits.negate", a -> num(new BigDecimal(integer(a, 0).not())));
        r.add2("bits.lsh", a -> num(new BigDecimal(integer(a, 0).shiftLeft(shift(a)))));
        r.add2("bits.rsh", a -> num(new BigDecimal(integer(a, 0).shiftRight(shift(a)))));
    }

    private static int shift(List<Value> a) {
        BigInteger s = integer(a, 1);
        if (s.signum() < 0) {
            throw BuiltinException.type("operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (s.compareTo(BigInteger.valueOf(4096)) > 0) {
            throw BuiltinException.failed("shift too large");
        }
        return s.intValue();
    }

    static BigInteger integer(List<Value> a, int i) {
        NumberValue n = Args.numberValue(a, i);
        sane(n.value());
        return n.integer().orElseThrow(() -> BuiltinException.type(
                "operand " + (i + 1) + " must be integer number but got floating-point number"));
    }

    private static Value minus(List<Value> a) {
        if (a.get(0) instanceof SetValue x && a.get(1) instanceof SetValue y) {
            var out = new TreeSet<>(x.items());
            out.removeAll(y.items());
            return new SetValue(out);
        }
        if (a.get(0) instanceof NumberValue x && a.get(1) instanceof NumberValue y) {
            return num(sane(x.value()).subtract(sane(y.value())));
        }
        if (a.get(0) instanceof SetValue || a.get(0) instanceof NumberValue) {
            throw Args.wrongType(1, a.get(1), a.get(0) instanceof SetValue ? "set" : "number");
        }
        throw Args.wrongType(0, a.get(0), "one of {number, set}");
    }

    private static Value range(List<Value> a, BigInteger step) {
        BigInteger from = integer(a, 0);
        BigInteger to = integer(a, 1);
        if (from.subtract(to).abs().divide(step).compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw BuiltinException.failed("range too large");
        }
        var out = new ArrayList<Value>();
        if (from.compareTo(to) <= 0) {
            for (BigInteger i = from; i.compareTo(to) <= 0; i = i.add(step)) {
                out.add(new NumberValue(new BigDecimal(i)));
            }
        } else {
            for (BigInteger i = from; i.compareTo(to) >= 0; i = i.subtract(step)) {
                out.add(new NumberValue(new BigDecimal(i)));
            }
        }
        return new ArrayValue(out);
    }

    static NumberValue num(BigDecimal d) {
        return new NumberValue(d);
    }
}
