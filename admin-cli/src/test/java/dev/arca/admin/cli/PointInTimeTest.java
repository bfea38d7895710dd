package dev.arca.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class PointInTimeTest {

    /** 2026-11-26 10:30 in Berlin (UTC+1). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:30:00Z"), ZoneId.of("Europe/Berlin"));

    private static Instant parse(String text) {
        return PointInTime.parse(text, CLOCK);
    }

    @Test
    void words() {
        assertThat(parse("now")).isEqualTo("2026-11-26T09:30:00Z");
        assertThat(parse("today")).isEqualTo("2026-11-25T23:00:00Z");
        assertThat(parse("Yesterday")).isEqualTo("2026-11-24T23:00:00Z");
    }

    @Test
    void ages() {
        assertThat(parse("90s")).isEqualTo("2026-11-26T09:28:30Z");
        assertThat(parse("1h")).isEqualTo("2026-11-26T08:30:00Z");
        assertThat(parse("1h30m")).isEqualTo("2026-11-26T08:00:00Z");
        assertThat(parse("2d")).isEqualTo("2026-11-24T09:30:00Z");
        assertThat(parse("1w")).isEqualTo("2026-11-19T09:30:00Z");
        assertThat(parse("PT15M")).isEqualTo("2026-11-26T09:15:00Z");
        assertThat(parse("P1D")).isEqualTo("2026-11-25T09:30:00Z");
    }

    @Test
    void datesAndTimes() {
        assertThat(parse("2026-11-20T12:00:00Z")).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(parse("2026-11-20T12:00:00+02:00")).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(parse("2026-11-20T12:00")).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(parse("2026-11-20 12:00")).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(parse("2026-11-20")).isEqualTo("2026-11-19T23:00:00Z");
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheForms() {
        assertThatThrownBy(() -> new PointInTime.Converter().convert("last tuesday"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'last tuesday' is not a point in time: use now, today, yesterday");
        assertThatThrownBy(() -> parse("1y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("2026-13-01")).isInstanceOf(IllegalArgumentException.class);
    }
}
