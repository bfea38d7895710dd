package dev.arca.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An arbitrary-precision number, as OPA keeps them: {@code 1}, {@code 1.0} and {@code 1e0} are the same value. The
 * decimal is normalised (trailing zeros stripped) so that record equality is numeric equality.
 */
public record NumberValue(BigDecimal value) implements Value {

    public NumberValue {
        value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    public static NumberValue of(long n) {
        return new NumberValue(BigDecimal.valueOf(n));
    }

    public boolean isInteger() {
        return value.scale() <= 0;
    }

    /** The integer value when this number is integral. */
    public Optional<BigInteger> integer() {
        return isInteger() ? Optional.of(value.toBigIntegerExact()) : Optional.empty();
    }

    /** The value as an int when it is integral and fits. */
    public Optional<Integer> smallInt() {
        if (!isInteger() || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            return Optional.empty();
        }
        return Optional.of(value.intValueExact());
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
