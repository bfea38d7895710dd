package dev.arca.dcap.verify;

import dev.arca.dcap.collateral.IdentityTcbLevel;
import dev.arca.dcap.collateral.TcbLevel;
import dev.arca.dcap.collateral.TcbStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of TCB evaluation for an accepted quote: the converged status, the advisory ids (union of the platform,
 * TDX module and QE levels, in that order), the TCB date (earliest date among those levels), and the levels chosen.
 */
public record TcbEvaluation(TcbStatus status, List<String> advisoryIds, Instant tcbDate, TcbLevel platformLevel,
        IdentityTcbLevel moduleLevel, IdentityTcbLevel qeLevel) {

    public TcbEvaluation {
        advisoryIds = List.copyOf(advisoryIds);
    }

    public Optional<IdentityTcbLevel> module() {
        return Optional.ofNullable(moduleLevel);
    }
}
