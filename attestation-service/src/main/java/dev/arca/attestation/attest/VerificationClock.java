package dev.arca.attestation.attest;

import dev.arca.attestation.config.AsProperties;
import dev.arca.attestation.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Decides the verification instant (docs/attestation-service.md "Verification
 * time"): the request's {@code verify_at}, else {@code arca.as.verify-as-of}, else the clock. Verifying "as of"
 * another instant makes expired certificates and collateral pass, which auditors re-verifying old evidence and tests
 * on expired real collateral need, but a production AS must not offer to every caller:
 * both are refused unless {@code arca.as.allow-verify-as-of=true}. Token times ({@code iat}, {@code exp}) always come
 * from the clock.
 */
@Component
class VerificationClock {

    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

    private final Clock clock;
    private final boolean allowed;
    private final Instant configured;

    VerificationClock(AsProperties properties, Clock clock) {
        if (properties.verifyAsOf() != null && !properties.allowVerifyAsOf()) {
            throw new IllegalStateException("arca.as.verify-as-of is set but arca.as.allow-verify-as-of is false; "
                    + "verifying as of another instant must be allowed explicitly");
        }
        this.clock = clock;
        this.allowed = properties.allowVerifyAsOf();
        this.configured = properties.verifyAsOf();
    }

    VerificationTime resolve(String verifyAt) {
        if (verifyAt != null) {
            if (!allowed) {
                throw ApiException.badRequest("verify_at is refused: this attestation service verifies evidence "
                        + "as of now only (arca.as.allow-verify-as-of is false)");
            }
            return new VerificationTime(parse(verifyAt), true);
        }
        if (configured != null) {
            return new VerificationTime(configured, true);
        }
        return new VerificationTime(clock.instant(), false);
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("verify_at '" + (text.length() > 64 ? text.substring(0, 64) + "…" : text)
                    + "' is not an RFC 3339 instant such as 2025-06-01T00:00:00Z");
        }
    }
}
