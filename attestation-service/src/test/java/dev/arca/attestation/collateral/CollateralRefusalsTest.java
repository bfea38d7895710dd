package dev.arca.attestation.collateral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one translation of collateral refusals, as every vendor's verifier reports them. */
class CollateralRefusalsTest {

    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void unavailableCollateralIsTheSourcesProblemAndSaysRetryLater() {
        CollateralException cause = new CollateralException(CollateralException.Reason.UNAVAILABLE, "KDS answered 429");

        VerificationException e = CollateralRefusals.unavailable("AMD", cause.getMessage(), cause);

        assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("AMD collateral unavailable or unusable (KDS answered 429); retry later");
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void expiredCollateralNamesWhatExpiredTheInstantAndTheAuditRoute() {
        VerificationException e = CollateralRefusals.expired("Intel", "TCB Info nextUpdate 2024-06-01T00:00:00Z", AT,
                null);

        assertThat(e.failure()).isEqualTo(Failure.COLLATERAL_EXPIRED);
        assertThat(e.getMessage()).startsWith("collateral expired (TCB Info nextUpdate 2024-06-01T00:00:00Z, "
                        + "verification instant 2026-03-01T00:00:00Z); the AS needs current Intel collateral")
                .contains("verify_at").contains("arca.as.allow-verify-as-of");
    }
}
