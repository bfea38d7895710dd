package dev.arca.attestation.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.config.AsProperties;
import dev.arca.attestation.web.ApiException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class VerificationClockTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static AsProperties properties(boolean allow, Instant verifyAsOf) {
        return new AsProperties(URI.create("http://127.0.0.1:8082"), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(10), null, DataSize.ofMegabytes(1), allow, verifyAsOf,
                new AsProperties.Token(null, null, Duration.ofMinutes(5), "iss", "profile"));
    }

    @Test
    void byDefaultEvidenceIsVerifiedAsOfNowAndVerifyAtIsRefused() {
        VerificationClock clock = new VerificationClock(properties(false, null), CLOCK);

        assertThat(clock.resolve(null)).isEqualTo(new VerificationTime(NOW, false));
        assertThatThrownBy(() -> clock.resolve("2024-01-01T00:00:00Z")).isInstanceOf(ApiException.class)
                .hasMessageContaining("verify_at is refused");
    }

    @Test
    void whenAllowedVerifyAtWinsOverTheConfiguredInstantWhichWinsOverNow() {
        Instant configured = Instant.parse("2025-01-01T00:00:00Z");

        assertThat(new VerificationClock(properties(true, null), CLOCK).resolve(null))
                .isEqualTo(new VerificationTime(NOW, false));
        VerificationClock clock = new VerificationClock(properties(true, configured), CLOCK);
        assertThat(clock.resolve(null)).isEqualTo(new VerificationTime(configured, true));
        assertThat(clock.resolve("2024-03-01T12:00:00+02:00"))
                .isEqualTo(new VerificationTime(Instant.parse("2024-03-01T10:00:00Z"), true));
        assertThat(clock.resolve("2024-03-01t10:00:00.5z"))
                .isEqualTo(new VerificationTime(Instant.parse("2024-03-01T10:00:00.500Z"), true));
    }

    @Test
    void malformedInstantsAreBadRequests() {
        VerificationClock clock = new VerificationClock(properties(true, null), CLOCK);

        for (String bad : new String[] {"", "yesterday", "2024-03-01", "2024-03-01T10:00:00", "1700000000"}) {
            assertThatThrownBy(() -> clock.resolve(bad)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessageContaining("RFC 3339");
        }
    }

    @Test
    void aConfiguredInstantWithoutPermissionStopsTheService() {
        assertThatThrownBy(() -> new VerificationClock(properties(false, NOW), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("arca.as.allow-verify-as-of");
    }
}
