package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Operands a built-in refuses, with the error code and message OPA reports in strict mode ({@code eval_type_error}
 * for a value of the wrong kind, {@code eval_builtin_error} otherwise); without strict mode the call is undefined.
 */
class BuiltinRefusalsTest {
    private static final RegoEngine STRICT = RegoEngine.builder().strictBuiltinErrors(true).build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // to_number: infinities and NaN are not numbers in Rego, in any case and with any sign
        "to_number(\"NaN\")~eval_type_error~to_number: operand 1 must be valid number string but got string",
        "to_number(\"+Infinity\")~eval_type_error~to_number: operand 1 must be valid number string",
        "to_number(\"--inf\")~eval_type_error~to_number: operand 1 must be valid number string",
        "to_number(\"1e400\")~eval_builtin_error~to_number: value out of range",
        "to_number(\"1,5\")~eval_builtin_error~to_number: invalid syntax",
        // units: no spaces, an amount before the unit, a bounded exponent, known units
        "units.parse(\"2 Gi\")~eval_builtin_error~units.parse: spaces not allowed in resource strings",
        "units.parse(\"1K \")~eval_builtin_error~units.parse: spaces not allowed in resource strings",
        "units.parse_bytes(\"\t1 KiB\")~eval_builtin_error~units.parse_bytes: spaces not allowed in resource strings",
        "units.parse(\"Ki\")~eval_builtin_error~units.parse: no amount provided",
        "units.parse_bytes(\"MiB\")~eval_builtin_error~units.parse_bytes: no byte amount provided",
        "units.parse(\"1..5K\")~eval_builtin_error~units.parse: could not parse amount to a number",
        "units.parse_bytes(\"1-2MB\")~eval_builtin_error~units.parse_bytes: could not parse byte amount to a number",
        "units.parse(\"2e1234567M\")~eval_builtin_error~units.parse: exponent too large",
        "units.parse_bytes(\"3E+1000000KB\")~eval_builtin_error~units.parse_bytes: exponent too large",
        "units.parse(\"5kb\")~eval_builtin_error~units.parse: unit kb not recognized",
        "units.parse_bytes(\"5kx\")~eval_builtin_error~units.parse_bytes: byte unit kx not recognized",
        // an exponent short enough for OPA can still be past the engine's 1000-digit limit
        "units.parse(\"1e100000\")~eval_builtin_error~units.parse: number too large",
        // times are signed 64-bit nanoseconds
        "time.date(9223372036854775808)~eval_builtin_error~time.date: timestamp too big",
        "time.weekday(-9223372036854775809)~eval_builtin_error~time.weekday: timestamp too big",
        "time.clock(1.5)~eval_builtin_error~time.clock: timestamp too big",
        "time.format([1e30, \"UTC\"])~eval_builtin_error~time.format: timestamp too big",
        "time.add_date(9000000000000000000, 10, 0, 0)~eval_builtin_error~time.add_date: time outside of valid range",
        "time.add_date(0, -300, 0, 0)~eval_builtin_error~time.add_date: time outside of valid range",
        "time.parse_ns(\"2006\", \"2263\")~eval_builtin_error~time.parse_ns: time outside of valid range",
        "time.format([0, \"Nowhere/Else\"])~eval_builtin_error~time.format: unknown time zone",
        "time.parse_ns(concat(\"\", array.concat([\"2006\"], [sp | numbers.range(1, 1100)[_]; sp := \" \"])), \"2024\")"
                + "~eval_builtin_error~time.parse_ns: parsing time: layout or value longer than 1024 characters",
    })
    void refusedInStrictMode(String call, String code, String message) {
        String module = "package t\nx := " + call + "\n";
        assertThatThrownBy(() -> STRICT.compile(module).evaluate("data.t.x", null, null))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo(code))
                .hasMessageContaining(message);
        assertThat(Rego.expr(call)).isEqualTo("undefined");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        "to_number(\"-0.5e1\")~-5",
        "to_number(\"1e300\") > 0~true",
        "units.parse(\"1.5e3K\")~1500000",
        "units.parse(\"1.23456789012345m\")~0.0012345679",
        "units.parse(\"2MI\")~2097152",
        "units.parse(\"\\\"4G\\\"\")~4000000000",
        "units.parse_bytes(\"1EiB\")~1152921504606846976",
        "units.parse_bytes(\"2.5e\")~2500000000000000000",
        "units.parse_bytes(\"1.9\")~1",
        // Go's AddDate normalizes: January 31 plus a month is March 2 in a leap year
        "time.add_date(time.parse_ns(\"2006-01-02\", \"2024-01-31\"), 0, 1, 0) == time.parse_ns(\"2006-01-02\", \"2024-03-02\")~true",
    })
    void accepted(String call, String expected) {
        assertThat(Rego.expr(call)).isEqualTo(expected);
    }
}
