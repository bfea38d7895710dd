package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code time.format} with a zone and a layout, and {@code time.parse_ns}, as OPA documents them: the layout is Go's
 * (the reference time Mon Jan 2 15:04:05 MST 2006 written as times should look) or one of the Go layout constants
 * OPA accepts by name. 1704164645123456789 is 2024-01-02T03:04:05.123456789Z, a Tuesday.
 */
class TimeLayoutTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        // default: RFC 3339 with the fraction's trailing zeros dropped
        "time.format(1704164645123456789)~\"2024-01-02T03:04:05.123456789Z\"",
        "time.format(1704164645500000000)~\"2024-01-02T03:04:05.5Z\"",
        "time.format([1704164645000000000, \"Asia/Kolkata\"])~\"2024-01-02T08:34:05+05:30\"",
        "time.format(9223372036854775807)~\"2262-04-11T23:47:16.854775807Z\"",
        // layouts
        "time.format([1704164645123456789, \"UTC\", \"2006-01-02 15:04:05\"])~\"2024-01-02 03:04:05\"",
        "time.format([1704164645123456789, \"Europe/Paris\", \"Mon Jan _2 15:04:05.000 MST 2006\"])"
                + "~\"Tue Jan  2 04:04:05.123 CET 2024\"",
        "time.format([1704164645123456789, \"UTC\", \"Monday, January 2 06\"])~\"Tuesday, January 2 24\"",
        "time.format([1704164645123456789, \"UTC\", \"3:04:05PM\"])~\"3:04:05AM\"",
        "time.format([1704207845000000000, \"UTC\", \"03:04pm\"])~\"03:04pm\"",
        "time.format([1704164645123456789, \"UTC\", \"15:04:05,000000\"])~\"03:04:05,123456\"",
        "time.format([1704164645000000000, \"UTC\", \"15:04:05.999\"])~\"03:04:05\"",
        "time.format([1704164645000000000, \"UTC\", \"2006.002\"])~\"2024.002\"",
        "time.format([1704164645000000000, \"UTC\", \"Jan __2\"])~\"Jan   2\"",
        "time.format([1704164645000000000, \"UTC\", \"x_2006\"])~\"x_2024\"",
        "time.format([1704164645000000000, \"UTC\", \"Z07:00\"])~\"Z\"",
        "time.format([1704164645000000000, \"Asia/Kolkata\", \"Z07:00 -0700 -07 -07:00:00\"])"
                + "~\"+05:30 +0530 +05 +05:30:00\"",
        "time.format([1704164645000000000, \"America/New_York\", \"-07:00 MST\"])~\"-05:00 EST\"",
        // named constants OPA accepts; other names are literal layouts
        "time.format([1704164645000000000, \"America/New_York\", \"RFC1123Z\"])~\"Mon, 01 Jan 2024 22:04:05 -0500\"",
        "time.format([1704164645000000000, \"UTC\", \"RFC822\"])~\"02 Jan 24 03:04 UTC\"",
        "time.format([1704164645000000000, \"UTC\", \"ANSIC\"])~\"Tue Jan  2 03:04:05 2024\"",
        "time.format([1704164645000000000, \"UTC\", \"RFC850\"])~\"Tuesday, 02-Jan-24 03:04:05 UTC\"",
        "time.format([1704164645000000000, \"UTC\", \"Kitchen\"])~\"Kitchen\"",
        // parsing
        "time.parse_ns(\"2006-01-02\", \"2024-03-01\")~1709251200000000000",
        "time.parse_ns(\"RFC1123Z\", \"Mon, 01 Jan 2024 22:04:05 -0500\")~1704164645000000000",
        "time.parse_ns(\"RFC3339\", \"2024-01-02T08:34:05+05:30\")~1704164645000000000",
        "time.parse_ns(\"Jan _2 15:04:05 2006\", \"Jan  2 03:04:05 2024\")~1704164645000000000",
        "time.parse_ns(\"January 2, 2006 3:04PM\", \"JANUARY 2, 2024 3:04AM\")~1704164640000000000",
        "time.parse_ns(\"2006-01-02 3:04PM\", \"2024-01-02 3:04PM\")~1704207840000000000",
        "time.parse_ns(\"2006-01-02 15:04:05.000\", \"2024-01-02 03:04:05.123\")~1704164645123000000",
        "time.parse_ns(\"2006-01-02 15:04:05.999\", \"2024-01-02 03:04:05\")~1704164645000000000",
        // a fraction may follow the seconds when the layout has none
        "time.parse_ns(\"2006-01-02 15:04:05\", \"2024-01-02 03:04:05.25\")~1704164645250000000",
        // a zone abbreviation keeps the wall time as UTC; UTC and Z are UTC
        "time.parse_ns(\"2006-01-02 15:04 MST\", \"2024-01-02 03:04 PST\")~1704164640000000000",
        "time.parse_ns(\"2006-01-02 15:04 MST\", \"2024-01-02 03:04 UTC\")~1704164640000000000",
        "time.parse_ns(\"2006-01-02T15:04Z07:00\", \"2024-01-02T03:04Z\")~1704164640000000000",
        "time.parse_ns(\"2006.002\", \"2024.060\")~1709164800000000000",
        // time.parse_rfc3339_ns reads as Go's Parse with the RFC 3339 layout: seconds required, a one-digit hour
        // accepted, a fraction after the seconds
        "time.parse_rfc3339_ns(\"2024-01-02T03:04Z\")~undefined",
        "time.parse_rfc3339_ns(\"2024-01-02T3:04:05Z\")~1704164645000000000",
        "time.parse_rfc3339_ns(\"2024-01-02T08:34:05.000000001+05:30\")~1704164645000000001",
        // refusals: fixed-width fields, days a month lacks, leftovers, out-of-range fields, years outside 1678-2262
        "time.parse_ns(\"2006-01-02\", \"2024-3-01\")~undefined",
        "time.parse_ns(\"2006-01-02\", \"2023-02-29\")~undefined",
        "time.parse_ns(\"2006-01-02\", \"2024-01-02 extra\")~undefined",
        "time.parse_ns(\"2006-01-02 15:04\", \"2024-01-02 24:00\")~undefined",
        "time.parse_ns(\"Jan 2006\", \"Foo 2024\")~undefined",
        "time.parse_ns(\"15:04\", \"10:30\")~undefined",
        "time.parse_ns(\"2006-01-02\", \"1677-01-01\")~undefined",
    })
    void layouts(String expression, String expected) {
        assertThat(Rego.expr(expression)).isEqualTo(expected);
    }
}
