package dev.arca.rvps.extractor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The default lifetime of a registered reference value (Trustee rvps/README.md). */
public final class Expirations {

    private Expirations() {
    }

    /**
     * Twelve calendar months after {@code now}, at seconds precision, as upstream does (a value registered on a leap
     * day expires on the last day of February).
     */
    public static Instant twelveMonthsAfter(Instant now) {
        return now.atOffset(ZoneOffset.UTC).plusMonths(12).truncatedTo(ChronoUnit.SECONDS).toInstant();
    }
}
