package dev.arca.admin.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time as people type it after {@code --since}: {@code now}, {@code today}, {@code yesterday} (midnight,
 * local time), an age such as {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}, {@code 1w} or ISO 8601's
 * {@code PT1H} / {@code P2D}, an RFC 3339 instant ({@code 2026-11-26T12:00:00Z}, {@code ...+01:00}), a local date and
 * time ({@code 2026-11-26T12:00}, {@code 2026-11-26 12:00}) or a date ({@code 2026-11-26}, its local midnight).
 */
final class PointInTime {

    static final String FORMS = "now, today, yesterday, an age such as 15m, 1h30m, 2d, 1w or PT1H, an instant such as "
            + "2026-11-26T12:00:00Z, a local time such as 2026-11-26T12:00, or a date such as 2026-11-26";

    private static final Pattern AGE = Pattern.compile("(?:\\d+[smhdw])+");
    private static final Pattern AGE_PART = Pattern.compile("(\\d+)([smhdw])");

    private PointInTime() {
    }

    static Instant parse(String text, Clock clock) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        switch (value) {
            case "now" -> {
                return now;
            }
            case "today" -> {
                return today.atStartOfDay(clock.getZone()).toInstant();
            }
            case "yesterday" -> {
                return today.minusDays(1).atStartOfDay(clock.getZone()).toInstant();
            }
            default -> {
                // the forms below
            }
        }
        if (AGE.matcher(value).matches()) {
            Duration age = Duration.ZERO;
            Matcher part = AGE_PART.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                age = age.plus(switch (part.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofDays(7 * amount);
                });
            }
            return now.minus(age);
        }
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (upper.startsWith("P")) {
            try {
                return upper.contains("T") ? now.minus(Duration.parse(upper))
                        : ZonedDateTime.ofInstant(now, clock.getZone()).minus(Period.parse(upper)).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(text);
            }
        }
        String iso = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            // a local time or a date?
        }
        try {
            return LocalDateTime.parse(iso).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException notALocalTime) {
            // a date?
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(text);
        }
    }

    /** For picocli: a value it cannot read is a usage error naming the accepted forms. */
    static final class Converter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return parse(value, Clock.systemDefaultZone());
            } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not a point in time: use " + FORMS);
            }
        }
    }
}
